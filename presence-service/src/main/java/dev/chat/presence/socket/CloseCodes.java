package dev.chat.presence.socket;

import org.springframework.web.reactive.socket.CloseStatus;

/** Close codes of the /ws protocol (docs/websocket-protocol.md). */
final class CloseCodes {

    /** No valid auth frame within the auth timeout, or a bad token. The client must get a new token. */
    static final CloseStatus UNAUTHORIZED = new CloseStatus(4401, "unauthorized");
    /** The node is shutting down: reconnect (the load balancer picks another node). */
    static final CloseStatus GOING_AWAY = CloseStatus.GOING_AWAY;
    /** The client read too slowly, or a dependency is briefly unavailable: reconnect with backoff. */
    static final CloseStatus SLOW_CONSUMER = new CloseStatus(1013, "slow consumer");
    static final CloseStatus TRY_AGAIN_LATER = new CloseStatus(1013, "try again later");
    /** The peer was silent (not even a ping) for the read-idle timeout. */
    static final CloseStatus IDLE = new CloseStatus(4408, "idle");

    private CloseCodes() {
    }
}
