package dev.chat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerFrameTest {

    private final ServerFrame frame = new ServerFrame();

    @Test
    void readsTheFieldsOfAMessageCreatedFrame() {
        boolean parsed = frame.parse("""
                {"type":"message.created","conversationId":"c-1","seq":17,
                 "message":{"id":"m-1","conversationId":"c-1","seq":17,"senderId":"u-1",
                 "clientMessageId":"k-1","body":"hi {\\"seq\\":99}","replyToId":null,
                 "attachments":[{"seq":5}],"createdAt":"2026-11-24T10:00:00Z"}}""");
        assertThat(parsed).isTrue();
        assertThat(frame.type).isEqualTo("message.created");
        assertThat(frame.conversationId).isEqualTo("c-1");
        assertThat(frame.seq).isEqualTo(17);
        assertThat(frame.clientMessageId).isEqualTo("k-1");
    }

    @Test
    void fieldOrderDoesNotMatterAndTheMessageSuppliesMissingTopLevelFields() {
        assertThat(frame.parse("""
                {"message":{"clientMessageId":"k-2","extra":{"seq":1},"seq":3,"conversationId":"c-9"},
                 "type":"message.created"}""")).isTrue();
        assertThat(frame.seq).isEqualTo(3);
        assertThat(frame.conversationId).isEqualTo("c-9");
        assertThat(frame.clientMessageId).isEqualTo("k-2");
    }

    @Test
    void readsWelcomeAndErrorFrames() {
        assertThat(frame.parse("{\"type\":\"welcome\",\"userId\":\"u-1\",\"nodeId\":\"n\",\"sessionId\":\"s\"}")).isTrue();
        assertThat(frame.type).isEqualTo("welcome");
        assertThat(frame.userId).isEqualTo("u-1");
        assertThat(frame.clientMessageId).isNull();

        assertThat(frame.parse("{\"type\":\"error\",\"code\":\"unauthorized\",\"message\":\"bad token\"}")).isTrue();
        assertThat(frame.type).isEqualTo("error");
        assertThat(frame.code).isEqualTo("unauthorized");
        assertThat(frame.errorMessage).isEqualTo("bad token");
        assertThat(frame.userId).isNull();
    }

    @Test
    void readsTheChangeFramesAMixBringsAndSkipsWhatItDoesNotNeed() {
        assertThat(frame.parse("""
                {"type":"reaction.added","conversationId":"c-1","seq":45,"messageId":"m-1","messageSeq":42,
                 "userId":"u-2","emoji":"\uD83D\uDC4D","at":"2026-11-24T20:02:10.000Z"}""")).isTrue();
        assertThat(frame.type).isEqualTo("reaction.added");
        assertThat(frame.seq).isEqualTo(45);
        assertThat(frame.messageId).isEqualTo("m-1");
        assertThat(frame.userId).isEqualTo("u-2");
        assertThat(frame.emoji).isEqualTo("\uD83D\uDC4D");

        assertThat(frame.parse("""
                {"type":"receipt.moved","conversationId":"c-1",
                 "cursors":[{"userId":"u-2","kind":"READ","seq":41},{"userId":"u-2","kind":"DELIVERED","seq":42}]}""")).isTrue();
        assertThat(frame.type).isEqualTo("receipt.moved");
        assertThat(frame.seq).as("a receipt has no seq of its own").isEqualTo(-1);
        assertThat(frame.userId).isNull();
        assertThat(frame.messageId).isNull();
        assertThat(frame.emoji).isNull();

        assertThat(frame.parse("""
                {"type":"message.edited","conversationId":"c-1","seq":43,"messageId":"m-1","messageSeq":42,
                 "body":"hello!","editedBy":"u-1","editedAt":"2026-11-24T20:01:09.001Z"}""")).isTrue();
        assertThat(frame.seq).isEqualTo(43);
        assertThat(frame.messageId).isEqualTo("m-1");
        assertThat(frame.clientMessageId).isNull();
    }

    @Test
    void malformedTextIsRejectedAndLeavesNothingBehind() {
        frame.parse("{\"type\":\"welcome\",\"userId\":\"u-1\"}");
        assertThat(frame.parse("{\"type\":\"message.created\",")).isFalse();
        assertThat(frame.type).isNull();
        assertThat(frame.parse("[1,2]")).isFalse();
        assertThat(frame.parse("pong")).isFalse();
    }

    @Test
    void readsEachFrameOfAnArrayMessageInOrderAndALoneFrameAsItself() {
        List<String> seen = new ArrayList<>();
        assertThat(frame.parseMessage("""
                [{"type":"message.created","conversationId":"c-1","seq":4,"message":{"clientMessageId":"k-4"}},
                 {"type":"reaction.added","conversationId":"c-1","seq":5,"messageId":"m-1","emoji":"x"},
                 {"type":"pong"}]""", () -> seen.add(frame.type + ":" + frame.seq + ":" + frame.clientMessageId)))
                .isTrue();
        assertThat(seen).containsExactly("message.created:4:k-4", "reaction.added:5:null", "pong:-1:null");

        seen.clear();
        assertThat(frame.parseMessage("{\"type\":\"welcome\",\"userId\":\"u-1\"}", () -> seen.add(frame.userId)))
                .isTrue();
        assertThat(seen).containsExactly("u-1");
    }

    @Test
    void anArrayMessageThatBreaksOffIsMalformedAfterTheFramesBeforeTheBreak() {
        List<String> seen = new ArrayList<>();
        assertThat(frame.parseMessage("[{\"type\":\"a\"},{\"type\":", () -> seen.add(frame.type))).isFalse();
        assertThat(seen).containsExactly("a");
        assertThat(frame.parseMessage("[1]", () -> seen.add(frame.type))).isFalse();
        assertThat(frame.parseMessage("\"x\"", () -> seen.add(frame.type))).isFalse();
        assertThat(seen).containsExactly("a");
    }
}
