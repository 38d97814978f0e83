package dev.chat.presence.socket;

import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/** The frames this node writes itself (pushes from the fan-out arrive ready-made). */
final class ServerFrames {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final byte[] PONG = "{\"type\":\"pong\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private ServerFrames() {
    }

    record Welcome(String type, UUID userId, String nodeId, String sessionId) {
    }

    record Positions(String type, Map<String, Long> positions) {
    }

    record Error(String type, String code, String message) {
    }

    static byte[] welcome(UUID userId, String nodeId, String sessionId) {
        return JSON.writeValueAsBytes(new Welcome("welcome", userId, nodeId, sessionId));
    }

    static byte[] positions(Map<String, Long> positions) {
        return JSON.writeValueAsBytes(new Positions("positions", positions));
    }

    static byte[] error(String code, String message) {
        return JSON.writeValueAsBytes(new Error("error", code, message));
    }
}
