package dev.chat.notification;

import dev.chat.testsupport.Redis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.util.UUID;
import java.util.stream.IntStream;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the push ITs share: one notification-service pod on the real Kafka, Redis and PostgreSQL, presence nodes
 * simulated as presence-service writes them (named apart per run), and a producer of test events.
 */
public final class PushBed implements AutoCloseable {

    public final ConfigurableApplicationContext pod;
    public final SimulatedNodes nodes;
    public final TestEvents events;
    private final RedisClient redisClient;
    private final String[] nodeNames;

    private PushBed(String prefix, int nodeCount) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        nodeNames = IntStream.range(0, nodeCount).mapToObj(i -> prefix + "-" + (char) ('a' + i) + "-" + run)
                .toArray(String[]::new);
        pod = Pods.start();
        redisClient = RedisClient.create(RedisURI.create(Redis.HOST, Redis.PORT));
        nodes = new SimulatedNodes(redisClient, nodeNames);
        events = new TestEvents();
    }

    /** Starts a pod and {@code nodeCount} simulated nodes named {@code <prefix>-a-<run>}, {@code -b-}, ... */
    public static PushBed start(String prefix, int nodeCount) {
        return new PushBed(prefix, nodeCount);
    }

    /** The i-th simulated node (0 = "a"). */
    public String node(int i) {
        return nodeNames[i];
    }

    public RedisClient redisClient() {
        return redisClient;
    }

    @Override
    public void close() {
        events.close();
        nodes.close();
        redisClient.shutdown();
        pod.close();
    }
}
