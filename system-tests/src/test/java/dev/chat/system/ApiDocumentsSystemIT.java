package dev.chat.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The services' OpenAPI documents, as served, equal the copies in docs/openapi: the API other teams and the web
 * client build against (the web client's types are checked against these copies when it compiles). A change to
 * an API shows up here; refresh the copies with {@code -Dchat.openapi.write=true} and review the diff.
 */
class ApiDocumentsSystemIT {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    @ParameterizedTest(name = "{0}")
    @CsvSource({"auth, auth", "conversation, conversation", "message, message", "presence, presence-0",
            "media, media"})
    void theServedDocumentEqualsTheCommittedCopy(String service, String process) throws Exception {
        Stack stack = Stack.shared();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(stack.serviceUrl(process) + "/v3/api-docs")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        ObjectNode served = (ObjectNode) Api.JSON.readTree(response.body());
        served.remove("servers"); // where it was served from: this run's port
        Path copy = stack.root().resolve("docs/openapi/" + service + ".json");

        if (Boolean.getBoolean("chat.openapi.write")) {
            Files.writeString(copy, Api.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(sorted(served)) + "\n");
        }

        JsonNode committed = Api.JSON.readTree(Files.readString(copy));
        assertThat(served).as("%s's OpenAPI document differs from %s: if the change is meant, run this test with "
                + "-Dchat.openapi.write=true and commit the new copy", service, copy).isEqualTo(committed);
    }

    private static JsonNode sorted(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode out = Api.JSON.createObjectNode();
            object.propertyNames().stream().sorted().forEach(name -> out.set(name, sorted(object.get(name))));
            return out;
        }
        if (node.isArray()) {
            var out = Api.JSON.createArrayNode();
            node.forEach(element -> out.add(sorted(element)));
            return out;
        }
        return node;
    }
}
