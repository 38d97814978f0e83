package dev.chat.presence.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
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
    void readsTheConversationOfTheBatchWhenItIsNamed() {
        UUID conversation = UUID.randomUUID();
        UUID a = UUID.randomUUID();
        var named = read("{\"conversationId\":\"%s\",\"recipients\":[\"%s\"],\"frame\":\"{}\"}".formatted(conversation, a));
        assertThat(named.conversationId()).isEqualTo(conversation);
        assertThat(named.recipients()).containsExactly(a);
        assertThat(read("{\"recipients\":[],\"frame\":\"{}\"}").conversationId()).isNull();
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
