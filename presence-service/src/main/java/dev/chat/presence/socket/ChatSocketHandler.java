package dev.chat.presence.socket;

import dev.chat.events.socket.ServerFrames;
import dev.chat.presence.config.PresenceProperties;
import dev.chat.presence.node.NodeId;
import dev.chat.presence.node.SocketOwnership;
import dev.chat.presence.presence.PresenceTransitions;
import dev.chat.presence.resume.Epoch;
import dev.chat.presence.resume.Positions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code /ws} protocol (docs/websocket-protocol.md): the first frame authenticates with the access
 * token; then the socket is registered locally and in Redis and gets {@code welcome}; it answers
 * {@code resume} with positions and {@code ping} with {@code pong}; pushes come from the delivery channel,
 * periodic positions from {@link PeriodicPositions}. {@code welcome} and every {@code positions} frame carry
 * the epoch of the positions. A bad frame after auth gets an {@code error} frame and the socket stays open.
 */
@Component
public class ChatSocketHandler implements WebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(ChatSocketHandler.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** How long a close handshake may take before the connection is cut. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    private final ReactiveJwtDecoder jwtDecoder;
    private final SocketOwnership ownership;
    private final LocalSessions sessions;
    private final PresenceTransitions presence;
    private final Positions positions;
    private final Epoch epoch;
    private final SocketAdmission admission;
    private final PresenceProperties.Socket settings;
    private final String nodeId;
    private final Counter slowClosed;
    private final Counter messagesWritten;
    private final Counter framesWritten;
    private final SocketOutbound.Coalescing coalescing;
    private volatile boolean draining;

    ChatSocketHandler(ReactiveJwtDecoder jwtDecoder, SocketOwnership ownership, LocalSessions sessions,
                      PresenceTransitions presence, Positions positions, Epoch epoch, SocketAdmission admission,
                      PresenceProperties properties, NodeId nodeId, MeterRegistry meters) {
        this.jwtDecoder = jwtDecoder;
        this.ownership = ownership;
        this.sessions = sessions;
        this.presence = presence;
        this.positions = positions;
        this.epoch = epoch;
        this.admission = admission;
        this.settings = properties.socket();
        this.nodeId = nodeId.value();
        this.slowClosed = Counter.builder("chat.presence.sockets.closed.slow")
                .description("Sockets closed because they read too slowly").register(meters);
        // frames / messages = how many frames a WebSocket message carries on average (coalescing at work)
        this.messagesWritten = Counter.builder("chat.presence.socket.messages.written")
                .description("WebSocket messages handed to Netty").register(meters);
        this.framesWritten = Counter.builder("chat.presence.socket.frames.written")
                .description("Frames in the WebSocket messages handed to Netty").register(meters);
        this.coalescing = new SocketOutbound.Coalescing(settings.coalesceMaxFrames(), settings.coalesceMaxBytes());
        sessions.onOverflow(this::closeSlowConsumer);
    }

    @Override
    public Mono<Void> handle(WebSocketSession ws) {
        if (draining) {
            return ws.close(CloseCodes.GOING_AWAY);
        }
        SocketSession session = new SocketSession(ws, newSessionId(), settings.maxPendingFrames(), coalescing,
                messagesWritten, framesWritten);
        session.authTimer(Mono.delay(settings.authTimeout()).subscribe(tick -> {
            if (session.awaitingAuth()) {
                close(session, CloseCodes.UNAUTHORIZED).subscribe();
            }
        }));
        watchReadIdle(session);
        Mono<Void> input = ws.receive()
                .filter(m -> m.getType() == WebSocketMessage.Type.TEXT || m.getType() == WebSocketMessage.Type.BINARY)
                .map(Inbound::of) // read now: Netty frees the frame's buffer once this returns
                // One frame at a time, in order. flatMap rather than concatMap: a finished inner is let go,
                // whereas concatMap keeps the last one (e.g. the whole token check) until the next frame.
                .flatMap(frame -> onFrame(session, frame), 1, 1)
                .then();
        Mono<Void> output = ws.send(session.outbound());
        return input.or(output).doFinally(signal -> release(session));
    }

    private Mono<Void> onFrame(SocketSession session, Inbound frame) {
        JsonNode node = frame.json();
        String type = node != null && node.path("type").isString() ? node.get("type").stringValue() : null;
        if (session.awaitingAuth()) {
            if (!"auth".equals(type) || !node.path("token").isString()) {
                return close(session, CloseCodes.UNAUTHORIZED);
            }
            return authenticate(session, node.get("token").stringValue());
        }
        if (frame.text() == null) {
            return reply(session, ServerFrames.error("unsupported_frame", "only text frames are understood"));
        }
        if (type == null) {
            return reply(session, ServerFrames.error("bad_frame", "a frame is a JSON object with a string type"));
        }
        return switch (type) {
            case "ping" -> reply(session, ServerFrames.PONG);
            case "resume" -> resume(session, node.path("positions"));
            case "auth" -> reply(session, ServerFrames.error("already_authenticated", "this socket is authenticated"));
            default -> reply(session, ServerFrames.error("unknown_type", "unknown frame type"));
        };
    }

    private Mono<Void> authenticate(SocketSession session, String token) {
        return jwtDecoder.decode(token)
                .map(ChatSocketHandler::userOf)
                .flatMap(user -> {
                    if (draining) {
                        return close(session, CloseCodes.GOING_AWAY);
                    }
                    Mono<Long> registration = session.open(user, () -> {
                        sessions.add(user, session); // local first: a push may follow the Redis write at once
                        return ownership.open(user);
                    });
                    if (registration == null) {
                        return Mono.<Void>empty(); // closed while the token was checked
                    }
                    if (session.ws() instanceof NettyUpgradeStrategy.Session netty) {
                        netty.ticket().authenticated(); // out of the handshake bound, still in the socket bound
                    }
                    return registration
                            .doOnNext(total -> {
                                if (total == 1) {
                                    presence.online(user).subscribe(null, e -> log.warn(
                                            "presence ONLINE of {} not recorded: {}", user, e.toString()));
                                }
                            })
                            .then(Mono.defer(() -> {
                                String current = epoch.current();
                                session.toldEpoch(current);
                                return reply(session, ServerFrames.welcome(user, nodeId, session.id(), current));
                            }))
                            .onErrorResume(e -> {
                                log.warn("socket ownership of {} not written: {}", user, e.toString());
                                return close(session, CloseCodes.TRY_AGAIN_LATER);
                            });
                })
                .onErrorResume(BadJwtException.class, e -> close(session, CloseCodes.UNAUTHORIZED))
                .onErrorResume(IllegalArgumentException.class, e -> close(session, CloseCodes.UNAUTHORIZED))
                .onErrorResume(e -> {
                    log.warn("token check failed (not the token's fault): {}", e.toString());
                    return close(session, CloseCodes.TRY_AGAIN_LATER);
                });
    }

    private static UUID userOf(Jwt jwt) {
        return UUID.fromString(jwt.getSubject()); // IllegalArgumentException: not one of our tokens
    }

    private Mono<Void> resume(SocketSession session, JsonNode held) {
        if (!held.isObject()) {
            return reply(session, ServerFrames.error("bad_resume", "positions is an object of conversationId: seq"));
        }
        if (held.size() > settings.maxResumeConversations()) {
            return reply(session, ServerFrames.error("too_many_conversations",
                    "resume at most " + settings.maxResumeConversations() + " conversations at once"));
        }
        List<UUID> ids = new ArrayList<>(held.size());
        for (Map.Entry<String, JsonNode> e : held.properties()) {
            UUID id = parseUuid(e.getKey());
            if (id == null || !e.getValue().isIntegralNumber() || e.getValue().asLong() < 0) {
                return reply(session, ServerFrames.error("bad_resume",
                        "positions maps conversation ids to sequence numbers >= 0"));
            }
            ids.add(id);
        }
        return positions.latest(session.userId(), ids)
                .flatMap(latest -> {
                    // Answered = the user is a member: these may be named in periodic positions from now on.
                    for (UUID id : ids) {
                        if (latest.positions().containsKey(id.toString())) {
                            session.noteActive(id);
                        }
                    }
                    session.toldEpoch(latest.epoch());
                    return reply(session, ServerFrames.positions(latest.epoch(), latest.positions()));
                })
                .onErrorResume(e -> {
                    log.warn("positions lookup failed: {}", e.toString());
                    return reply(session, ServerFrames.error("unavailable", "positions are unavailable, retry"));
                });
    }

    private static UUID parseUuid(String s) {
        try {
            return s.length() == 36 ? UUID.fromString(s) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private Mono<Void> reply(SocketSession session, byte[] frame) {
        if (!session.push(frame) && session.overflowed()) {
            closeSlowConsumer(session);
        }
        return Mono.empty();
    }

    /** Undoes the socket's registration once, after its Redis write finished (never before it). */
    private Mono<Void> release(SocketSession session) {
        return session.release((user, registration) -> {
            sessions.remove(user, session);
            return registration
                    .onErrorResume(e -> Mono.empty()) // never registered: nothing to undo in Redis
                    .flatMap(before -> ownership.close(user))
                    .flatMap(total -> total == 0 ? presence.offline(user) : Mono.<Void>empty())
                    .onErrorResume(e -> {
                        log.warn("socket ownership of {} not removed (the sweeper will): {}", user, e.toString());
                        return Mono.empty();
                    });
        });
    }

    private void closeSlowConsumer(SocketSession session) {
        if (session.startClosing()) {
            slowClosed.increment();
            log.info("closing slow socket {} of {}", session.id(), session.userId());
            close(session, CloseCodes.SLOW_CONSUMER).subscribe();
        }
    }

    /** Sends the close frame, and cuts the connection if the close handshake has not ended in time. */
    private Mono<Void> close(SocketSession session, CloseStatus status) {
        WebSocketSession ws = session.ws();
        Mono.delay(CLOSE_GRACE).subscribe(tick -> {
            if (ws.isOpen()) {
                dispose(ws);
            }
        });
        return ws.close(status).onErrorResume(e -> Mono.empty());
    }

    private void watchReadIdle(SocketSession session) {
        if (session.ws() instanceof NettyUpgradeStrategy.Session netty) {
            netty.withConnection(c -> c.onReadIdle(settings.readIdleTimeout().toMillis(),
                    () -> close(session, CloseCodes.IDLE).subscribe()));
        }
    }

    private static void dispose(WebSocketSession ws) {
        if (ws instanceof NettyUpgradeStrategy.Session netty) {
            netty.withConnection(c -> c.dispose());
        }
    }

    /** Shutdown: no new sockets; close the open ones (1001) and undo their registrations. */
    Mono<Void> drain() {
        draining = true;
        admission.close();
        return Flux.fromIterable(sessions.all())
                .flatMap(s -> close(s, CloseCodes.GOING_AWAY).then(release(s)))
                .then();
    }

    private static String newSessionId() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** A received frame, read out of its buffer; {@code text} is null for a binary frame. */
    record Inbound(String text) {
        static Inbound of(WebSocketMessage message) {
            return new Inbound(message.getType() == WebSocketMessage.Type.TEXT ? message.getPayloadAsText() : null);
        }

        JsonNode json() {
            if (text == null) {
                return null;
            }
            try {
                JsonNode node = JSON.readTree(text);
                return node != null && node.isObject() ? node : null;
            } catch (JacksonException e) {
                return null;
            }
        }
    }
}
