package dev.chat.notification.fanout;

import java.util.UUID;

/**
 * The Redis keys presence-service writes and the fan-out reads (presence-service's {@code RedisKeys} is
 * the owner; this is a deliberate copy, see docs/websocket-protocol.md, "Delivery inside the backend").
 */
final class NodeKeys {

    static final String NODES = "rt:nodes";
    static final String POSITIONS = "rt:conv:positions";

    private NodeKeys() {
    }

    static String userNodes(UUID userId) {
        return "rt:user:" + userId + ":nodes";
    }

    static String channel(String nodeId) {
        return "rt:node:" + nodeId;
    }
}
