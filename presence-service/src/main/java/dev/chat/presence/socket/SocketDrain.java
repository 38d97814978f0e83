package dev.chat.presence.socket;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On shutdown, closes this node's sockets with 1001 (clients reconnect to another node) and undoes their
 * registrations, so their users' OFFLINE events reach the outbox while its relay still runs: this
 * stops first, before the outbox relay (phase MAX - 100) and the web server.
 */
@Component
class SocketDrain implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SocketDrain.class);

    private final ChatSocketHandler handler;
    private final LocalSessions sessions;
    private volatile boolean running;

    SocketDrain(ChatSocketHandler handler, LocalSessions sessions) {
        this.handler = handler;
        this.sessions = sessions;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        int open = sessions.size();
        try {
            handler.drain().block(Duration.ofSeconds(10));
            log.info("closed {} sockets for shutdown", open);
        } catch (RuntimeException e) {
            log.warn("draining sockets did not finish: {}", e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 50;
    }
}
