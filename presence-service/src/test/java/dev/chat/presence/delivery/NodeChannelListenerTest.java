package dev.chat.presence.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chat.events.socket.ServerFrames;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NodeChannelListenerTest {

    private static NodeChannelListener.Batch read(String json) {
        return NodeChannelListener.read(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsRecipientsAndTheFrameAsItWasSentSkippingOtherFields() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        var batch = read("""
                {"v":{"nested":[1,{"x":2}]},"recipients":["%s","%s"],"frame":"{\\"type\\":\\"x\\",\\"body\\":\\"é \\\\\\"q\\\\\\"\\"}","extra":1}"""
                .formatted(a, b));
        assertThat(batch.recipients()).containsExactly(a, b);
        assertThat(new String(batch.frame(), StandardCharsets.UTF_8)).isEqualTo("{\"type\":\"x\",\"body\":\"é \\\"q\\\"\"}");
    }

    @Test
    void readsTheConversationToForgetOfABatchToRemovedMembers() {
        UUID conversation = UUID.randomUUID();
        var batch = read("{\"forget\":\"%s\",\"recipients\":[\"%s\"],\"frame\":\"{}\"}"
                .formatted(conversation, UUID.randomUUID()));
        assertThat(batch.forget()).isEqualTo(conversation);
        assertThat(batch.conversationId()).isNull();
        assertThat(read("{\"recipients\":[],\"frame\":\"{}\"}").forget()).isNull();
    }

    @Test
    void readsTheConversationOfTheBatchWhenItIsNamed() {
        UUID conversation = UUID.randomUUID();
        UUID a = UUID.randomUUID();
        var named = read("{\"conversationId\":\"%s\",\"recipients\":[\"%s\"],\"frame\":\"{}\"}".formatted(conversation, a));
        assertThat(named.conversationId()).isEqualTo(conversation);
        assertThat(named.recipients()).containsExactly(a);
        assertThat(read("{\"recipients\":[],\"frame\":\"{}\"}").conversationId()).isNull();
    }

    @Test
    void readsWhenTheEventHappenedAndItsTraceWhenTheBatchCarriesThem() {
        UUID conversation = UUID.randomUUID();
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        var batch = NodeChannelListener.read(ServerFrames.batch(conversation, List.of(UUID.randomUUID()), "{}",
                1_764_000_000_123L, traceparent).getBytes(StandardCharsets.UTF_8));
        var plain = NodeChannelListener.read(ServerFrames.batch(conversation, List.of(UUID.randomUUID()), "{}")
                .getBytes(StandardCharsets.UTF_8));

        assertThat(batch.occurredAt()).isEqualTo(1_764_000_000_123L);
        assertThat(batch.traceparent()).isEqualTo(traceparent);
        assertThat(plain.occurredAt()).isZero();
        assertThat(plain.traceparent()).isNull();
    }

    @Test
    void refusesWhatIsNotABatch() {
        assertThatThrownBy(() -> read("{\"conversationId\":\"x\",\"recipients\":[],\"frame\":\"{}\"}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> read("{\"conversationId\":1,\"recipients\":[],\"frame\":\"{}\"}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> read("[]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> read("{\"recipients\":[]}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> read("{\"recipients\":[1],\"frame\":\"{}\"}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> read("{\"recipients\":[\"x\"],\"frame\":\"{}\"}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> read("{\"recipients\":[],\"frame\":{}}")).isInstanceOf(IllegalArgumentException.class);
    }
}
