package dev.chat.deploy;

import java.util.List;
import java.util.Map;

/** One Kubernetes object from a rendered chart or a manifest file, with accessors for what the tests ask. */
record Manifest(String source, Map<String, Object> body) {

    String apiVersion() {
        return (String) body.get("apiVersion");
    }

    String kind() {
        return (String) body.get("kind");
    }

    String name() {
        return Yamls.at(body, "metadata.name");
    }

    String component() {
        Map<String, String> labels = Yamls.at(body, "metadata.labels");
        return labels == null ? null : labels.get("app.kubernetes.io/component");
    }

    Map<String, String> annotations() {
        Map<String, String> annotations = Yamls.at(body, "metadata.annotations");
        return annotations == null ? Map.of() : annotations;
    }

    <T> T at(String path) {
        return Yamls.at(body, path);
    }

    /** The pod spec of a workload (Deployment, StatefulSet, Job). */
    Map<String, Object> podSpec() {
        return at("spec.template.spec");
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> containers() {
        return (List<Map<String, Object>>) podSpec().get("containers");
    }

    @Override
    public String toString() {
        return kind() + " " + name() + " (" + source + ")";
    }
}
