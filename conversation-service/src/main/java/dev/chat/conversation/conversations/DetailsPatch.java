package dev.chat.conversation.conversations;

import dev.chat.web.guard.ControlCharacters;
import dev.chat.web.problem.ApiProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The body of PATCH /api/conversations/{id}, read from the JSON tree so that an absent field (left as it is) and an
 * explicit null (cleared) differ. Each field is a {@link Change} when present, null when absent. Every field is
 * checked and all errors reported at once; an unknown field is an error too.
 */
record DetailsPatch(Change<String> title, Change<String> description, Change<String> topic,
                    Change<UUID> avatarMediaId, Change<Boolean> readOnly, Change<Boolean> archived,
                    Change<String> visibility, Change<String> slug) {

    static final int MAX_TITLE = 100;
    static final int MAX_DESCRIPTION = 1000;
    static final int MAX_TOPIC = 250;
    /** As for a new channel's slug. */
    static final Pattern SLUG = Pattern.compile("^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$");

    /** A present field's new value; null clears it. */
    record Change<T>(T value) {
        static <T> T apply(Change<T> change, T current) {
            return change == null ? current : change.value();
        }
    }

    /** @throws ApiProblem 400 naming every field that is unknown or invalid */
    static DetailsPatch parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiProblem.badRequest("the body must be a JSON object of the details to change");
        }
        Reader r = new Reader(body);
        DetailsPatch patch = new DetailsPatch(
                r.text("title", MAX_TITLE, false),
                r.text("description", MAX_DESCRIPTION, true),
                r.text("topic", MAX_TOPIC, true),
                r.uuid("avatarMediaId"),
                r.bool("readOnly"),
                r.bool("archived"),
                r.oneOf("visibility", "PUBLIC", "PRIVATE"),
                r.slug("slug"));
        for (String name : body.propertyNames()) {
            if (!Reader.FIELDS.contains(name)) {
                r.error(name, "is not a field of a conversation's details (title, description, topic, "
                        + "avatarMediaId, readOnly, archived, visibility, slug)");
            }
        }
        r.throwIfAny();
        return patch;
    }

    /** The fields present that only channels have, by name. */
    List<String> channelOnlyFields() {
        List<String> fields = new ArrayList<>();
        if (readOnly != null) {
            fields.add("readOnly");
        }
        if (visibility != null) {
            fields.add("visibility");
        }
        if (slug != null) {
            fields.add("slug");
        }
        return fields;
    }

    Details applyTo(Details current) {
        return new Details(Change.apply(title, current.title()), Change.apply(description, current.description()),
                Change.apply(topic, current.topic()), Change.apply(avatarMediaId, current.avatarMediaId()),
                Change.apply(visibility, current.visibility()), Change.apply(slug, current.slug()),
                Change.apply(readOnly, current.readOnly()), Change.apply(archived, current.archived()));
    }

    /** Reads the fields one by one and collects what is wrong with them. */
    private static final class Reader {

        static final List<String> FIELDS = List.of("title", "description", "topic", "avatarMediaId", "readOnly",
                "archived", "visibility", "slug");

        private final JsonNode body;
        private final List<Map<String, String>> errors = new ArrayList<>();

        Reader(JsonNode body) {
            this.body = body;
        }

        /** Stripped; a blank text clears a clearable field and is an error for the others. */
        Change<String> text(String name, int max, boolean clearable) {
            JsonNode node = body.get(name);
            if (node == null) {
                return null;
            }
            if (node.isNull()) {
                return clearable ? new Change<>(null) : error(name, "must not be null");
            }
            if (!node.isString()) {
                return error(name, "must be a string");
            }
            String value = node.asString().strip();
            if (ControlCharacters.containsAny(value)) {
                return error(name, "must not contain control characters");
            }
            if (value.isEmpty()) {
                return clearable ? new Change<>(null) : error(name, "must not be blank");
            }
            if (value.length() > max) {
                return error(name, "must be at most " + max + " characters");
            }
            return new Change<>(value);
        }

        Change<UUID> uuid(String name) {
            JsonNode node = body.get(name);
            if (node == null) {
                return null;
            }
            if (node.isNull()) {
                return new Change<>(null);
            }
            try {
                if (node.isString()) {
                    return new Change<>(UUID.fromString(node.asString()));
                }
            } catch (IllegalArgumentException e) {
                // below
            }
            return error(name, "must be a UUID or null");
        }

        Change<Boolean> bool(String name) {
            JsonNode node = body.get(name);
            if (node == null) {
                return null;
            }
            return node.isBoolean() ? new Change<>(node.booleanValue()) : error(name, "must be true or false");
        }

        Change<String> oneOf(String name, String... allowed) {
            JsonNode node = body.get(name);
            if (node == null) {
                return null;
            }
            if (node.isString() && List.of(allowed).contains(node.asString())) {
                return new Change<>(node.asString());
            }
            return error(name, "must be " + String.join(" or ", allowed));
        }

        Change<String> slug(String name) {
            JsonNode node = body.get(name);
            if (node == null) {
                return null;
            }
            if (node.isString() && SLUG.matcher(node.asString()).matches()) {
                return new Change<>(node.asString());
            }
            return error(name, "must be 1 to 50 lowercase letters, digits and hyphens, starting and ending with a "
                    + "letter or digit");
        }

        <T> Change<T> error(String field, String message) {
            errors.add(Map.of("field", field, "message", message));
            return null;
        }

        void throwIfAny() {
            if (errors.isEmpty()) {
                return;
            }
            ApiProblem problem = ApiProblem.badRequest(String.join("; ",
                    errors.stream().map(e -> e.get("field") + " " + e.get("message")).toList()));
            problem.getBody().setProperty("errors", errors);
            throw problem;
        }
    }
}
