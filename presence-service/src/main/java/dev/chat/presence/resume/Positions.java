package dev.chat.presence.resume;

import dev.chat.events.socket.RealtimeKeys;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The latest pushed position (seq) of conversations, from {@code rt:conv:positions}, which the fan-out
 * advances with every push, together with the {@link Epoch} those numbers belong to. A client compares them
 * with what it holds and fetches the gap over REST; a new epoch means Redis lost them: it catches up on all.
 */
@Component
public class Positions {

    private static final Logger log = LoggerFactory.getLogger(Positions.class);
    /** Members per ZMSCORE: one round trip each, none of them long enough to stall Redis. */
    static final int CHUNK = 500;

    /**
     * KEYS: positions, epoch. ARGV: an epoch candidate, then conversation ids. Returns the epoch (created if
     * missing) and each id's score ('0' for none), read in one step, so the numbers belong to that epoch.
     */
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> READ = RedisScript.of("""
            local epoch = redis.call('GET', KEYS[2])
            if not epoch then
              redis.call('SET', KEYS[2], ARGV[1])
              epoch = ARGV[1]
            end
            local out = {epoch}
            if #ARGV > 1 then
              local scores = redis.call('ZMSCORE', KEYS[1], unpack(ARGV, 2))
              for i = 1, #scores do out[i + 1] = scores[i] or '0' end
            end
            return out""", List.class);

    /** Latest seq per conversation id, in the order asked, and the epoch they belong to. */
    public record Snapshot(String epoch, Map<String, Long> positions) {
    }

    private final ReactiveStringRedisTemplate redis;
    private final Epoch epoch;

    Positions(ReactiveStringRedisTemplate redis, Epoch epoch) {
        this.redis = redis;
        this.epoch = epoch;
    }

    /**
     * The latest position of each of {@code conversationIds} that {@code userId} is a member of; the others
     * are left out, so a resume never tells anything about a conversation the caller is not in. One
     * SMISMEMBER and one read of epoch + scores; a conversation with no push yet is at 0. Keeps the order.
     */
    public Mono<Snapshot> latest(UUID userId, List<UUID> conversationIds) {
        if (conversationIds.isEmpty()) {
            return read(List.of());
        }
        Object[] asked = conversationIds.stream().map(UUID::toString).toArray();
        return redis.opsForSet().isMember(RealtimeKeys.userConversations(userId), asked)
                .map(membership -> java.util.Arrays.stream(asked)
                        .filter(id -> Boolean.TRUE.equals(membership.get(id))).map(String.class::cast).toList())
                .flatMap(this::read);
    }

    /**
     * The latest position of each of {@code conversationIds}, with no membership check (the caller vouches
     * for it), in chunks of {@value #CHUNK}. Empty if Redis lost its state between two chunks: their numbers
     * would belong to different epochs, so the caller skips this round.
     */
    public Mono<Snapshot> of(Collection<String> conversationIds) {
        List<List<String>> chunks = new ArrayList<>();
        List<String> chunk = new ArrayList<>(Math.min(CHUNK, conversationIds.size()));
        for (String id : conversationIds) {
            if (chunk.size() == CHUNK) {
                chunks.add(chunk);
                chunk = new ArrayList<>(CHUNK);
            }
            chunk.add(id);
        }
        chunks.add(chunk);
        return Flux.fromIterable(chunks)
                .concatMap(this::read)
                .collectList()
                .flatMap(parts -> {
                    String first = parts.getFirst().epoch();
                    Map<String, Long> all = new HashMap<>(conversationIds.size() * 4 / 3 + 1);
                    for (Snapshot part : parts) {
                        if (!first.equals(part.epoch())) {
                            log.info("epoch changed while positions were read; skipping this round");
                            return Mono.empty();
                        }
                        all.putAll(part.positions());
                    }
                    return Mono.just(new Snapshot(first, all));
                });
    }

    private Mono<Snapshot> read(List<String> ids) {
        List<String> args = new ArrayList<>(ids.size() + 1);
        args.add(Epoch.candidate());
        args.addAll(ids);
        return redis.execute(READ, List.of(RealtimeKeys.POSITIONS, RealtimeKeys.EPOCH), args)
                .flatMapIterable(Positions::flat)
                .map(String::valueOf)
                .collectList()
                .map(reply -> {
                    if (reply.size() != ids.size() + 1) {
                        throw new IllegalStateException("positions read answered " + reply.size() + " values");
                    }
                    Map<String, Long> positions = new LinkedHashMap<>();
                    for (int i = 0; i < ids.size(); i++) {
                        positions.put(ids.get(i), (long) Double.parseDouble(reply.get(i + 1)));
                    }
                    epoch.observe(reply.getFirst());
                    return new Snapshot(reply.getFirst(), positions);
                });
    }

    /** The driver may hand a multi-bulk reply over as one list or element by element. */
    private static List<?> flat(Object reply) {
        return reply instanceof List<?> list ? list : List.of(reply);
    }
}
