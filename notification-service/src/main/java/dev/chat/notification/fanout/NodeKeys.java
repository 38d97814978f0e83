package dev.chat.notification.fanout;

import java.util.UUID;

/**
 * The Redis keys shared with presence-service: the ones it writes and the fan-out reads, and the
 * conversation index this service writes and it reads (presence-service's {@code RedisKeys} is the owner
 * of the scheme; this is a deliberate copy, see docs/websocket-protocol.md, "Delivery inside the backend").
 */
public final class NodeKeys {

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

    /** The user's conversations, which the membership projection keeps for presence-service's resume. */
    public static String userConversations(UUID userId) {
        return "rt:user:" + userId + ":convs";
    }
}
