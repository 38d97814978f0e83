package dev.chat.events.socket;

import java.util.UUID;

/**
 * The Redis keys of the socket tier, written once for the two services that must agree on them:
 * presence-service writes socket ownership and heartbeats and reads positions and conversation indexes;
 * notification-service (the fan-out) reads ownership, advances positions and keeps the indexes. Redis is
 * a cache that can be lost whole: every key here is rebuilt from its owner's state (docs/websocket-protocol.md).
 * Renaming a key is a protocol change between the two services.
 */
public final class RealtimeKeys {

    /** Set of the ids of presence nodes that announced themselves. */
    public static final String NODES = "rt:nodes";
    /** Sorted set: member = conversationId, score = the latest seq pushed (written by the fan-out). */
    public static final String POSITIONS = "rt:conv:positions";
    /**
     * String: the epoch of the socket tier's Redis state. Created (SET NX, a random value) by whoever finds
     * it missing, so it changes exactly when Redis lost its data; positions frames carry it, and a client
     * that sees a new epoch catches up on every conversation it holds.
     */
    public static final String EPOCH = "rt:epoch";
    /** String: the epoch for which notification-service last rebuilt every user's conversation index. */
    public static final String INDEX_EPOCH = "rt:index:epoch";
    /** String with a TTL: held by the notification-service pod that rebuilds the indexes. */
    public static final String INDEX_REBUILD_LOCK = "rt:index:rebuild-lock";

    private RealtimeKeys() {
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
     * projection (and rebuilt from it when Redis lost it), read by presence-service so that resume and
     * positions answer only for the caller's own conversations.
     */
    public static String userConversations(UUID userId) {
        return "rt:user:" + userId + ":convs";
    }
}
