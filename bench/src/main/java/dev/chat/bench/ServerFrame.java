package dev.chat.bench;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

/**
 * The few fields the bench needs from a server WebSocket frame, read with Jackson's streaming parser (no
 * tree, no map). One mutable instance per socket, reused for every frame: the socket's listener calls
 * are serial, so it is never shared.
 */
final class ServerFrame {

    private static final JsonFactory JSON = new JsonFactory();

    String type;
    String conversationId;
    long seq;
    String clientMessageId;
    String userId;
    /** reaction.added/removed, message.edited, ...: the message the change is about. */
    String messageId;
    String emoji;
    String code;
    String errorMessage;

    /** Reads {@code text} into this frame; false (and a cleared frame) if it is not a JSON object. */
    boolean parse(String text) {
        clear();
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            read(p);
            return true;
        } catch (JacksonException e) {
            clear();
            return false;
        }
    }

    /**
     * Reads a WebSocket message: one frame, or a JSON array of frames (docs/websocket-protocol.md). Each frame is
     * read into this instance in turn and {@code each} runs after it, in order, before the next is read.
     *
     * @return false if the message (or a frame in it) is not JSON objects; the frames before that were handled
     */
    boolean parseMessage(String text, Runnable each) {
        clear();
        try (JsonParser p = JSON.createParser(text)) {
            JsonToken token = p.nextToken();
            if (token == JsonToken.START_OBJECT) {
                read(p);
                each.run();
                return true;
            }
            if (token != JsonToken.START_ARRAY) {
                return false;
            }
            while ((token = p.nextToken()) == JsonToken.START_OBJECT) {
                clear();
                read(p);
                each.run();
            }
            clear();
            return token == JsonToken.END_ARRAY;
        } catch (JacksonException e) {
            clear();
            return false;
        }
    }

    /** Reads the object the parser is at (its START_OBJECT read) into this frame, up to its END_OBJECT. */
    private void read(JsonParser p) {
        long messageSeq = -1;
        String messageConversationId = null;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "type" -> type = stringOrNull(p, value);
                case "conversationId" -> conversationId = stringOrNull(p, value);
                case "seq" -> seq = value == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : -1;
                case "userId" -> userId = stringOrNull(p, value);
                case "messageId" -> messageId = stringOrNull(p, value);
                case "emoji" -> emoji = stringOrNull(p, value);
                case "code" -> code = value == JsonToken.VALUE_NUMBER_INT ? p.getString() : stringOrNull(p, value);
                case "message" -> {
                    if (value == JsonToken.START_OBJECT) {
                        // The nested message JSON: only its idempotency key (and fallbacks) matter.
                        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                            String inner = p.currentName();
                            JsonToken innerValue = p.nextToken();
                            switch (inner) {
                                case "clientMessageId" -> clientMessageId = stringOrNull(p, innerValue);
                                case "seq" -> messageSeq =
                                        innerValue == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : -1;
                                case "conversationId" -> messageConversationId = stringOrNull(p, innerValue);
                                default -> p.skipChildren();
                            }
                        }
                    } else {
                        errorMessage = stringOrNull(p, value);
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (seq < 0) {
            seq = messageSeq;
        }
        if (conversationId == null) {
            conversationId = messageConversationId;
        }
    }

    void clear() {
        type = null;
        conversationId = null;
        seq = -1;
        clientMessageId = null;
        userId = null;
        messageId = null;
        emoji = null;
        code = null;
        errorMessage = null;
    }

    private static String stringOrNull(JsonParser p, JsonToken token) {
        return token == JsonToken.VALUE_STRING ? p.getString() : null;
    }
}
