package dev.chat.events.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OutboxWriterTest {

    @Test
    void aKeyAlwaysMapsToTheSameShardWithinRange() {
        IntStream.range(0, 10_000).mapToObj(i -> UUID.randomUUID().toString()).forEach(key -> {
            int shard = OutboxWriter.shardOf(key, 16);
            assertThat(shard).isBetween(0, 15).isEqualTo(OutboxWriter.shardOf(key, 16));
        });
    }

    @Test
    void keysSpreadOverAllShards() {
        long used = IntStream.range(0, 2_000).map(i -> OutboxWriter.shardOf(UUID.randomUUID().toString(), 16))
                .distinct().count();
        assertThat(used).isEqualTo(16);
    }
}
