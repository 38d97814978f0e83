package dev.chat.presence.node;

import dev.chat.presence.config.PresenceProperties;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** This process's presence node id: fixed by configuration, or a random UUID per process. */
@Component
public class NodeId {

    private final String value;

    NodeId(PresenceProperties properties) {
        String configured = properties.nodeId();
        this.value = configured == null || configured.isBlank() ? UUID.randomUUID().toString() : configured.strip();
        if (!value.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("chat.presence.node-id must match [A-Za-z0-9._-]{1,64}: " + value);
        }
    }

    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
