package dev.chat.presence.node;

import java.util.UUID;

/**
 * The Redis key scheme shared with notification-service (the fan-out reads what this service writes).
 * Changing a name here is a protocol change between the two services.
 */
public final class RedisKeys {

    /** Set of the ids of presence nodes that announced themselves. */
    public static final String NODES = "rt:nodes";
    /** Sorted set: member = conversationId, score = the latest seq pushed (written by the fan-out). */
    public static final String POSITIONS = "rt:conv:positions";

    private RedisKeys() {
    }

    /** String with a TTL: present while the node lives. */
    public static String heartbeat(String nodeId) {
        return "rt:node:" + nodeId + ":hb";
    }

    /** Set of users holding at least one socket on the node, to sweep a dead node's entries. */
    public static String nodeUsers(String nodeId) {
        return "rt:node:" + nodeId + ":users";
    }

    /** Pub/sub channel: the fan-out publishes one batch per event to each node holding a recipient. */
    public static String channel(String nodeId) {
        return "rt:node:" + nodeId;
    }

    /** Hash nodeId -> number of the user's live sockets on that node. */
    public static String userNodes(UUID userId) {
        return "rt:user:" + userId + ":nodes";
    }

    /**
     * Set of the conversations the user is a member of: written by notification-service's membership
     * projection, read here so that resume answers positions only for the caller's own conversations.
     */
    public static String userConversations(UUID userId) {
        return "rt:user:" + userId + ":convs";
    }
}
