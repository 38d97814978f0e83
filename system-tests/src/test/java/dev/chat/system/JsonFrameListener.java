package dev.chat.system;

import java.net.http.WebSocket;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import tools.jackson.databind.JsonNode;

/**
 * Puts each frame of each whole text message, read as JSON, into a queue the test thread takes from: a message
 * carries one frame or a JSON array of frames, in order (docs/websocket-protocol.md).
 */
class JsonFrameListener implements WebSocket.Listener {

    private final StringBuilder partial = new StringBuilder();
    private final Queue<JsonNode> inbox;

    JsonFrameListener(Queue<JsonNode> inbox) {
        this.inbox = inbox;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            JsonNode message = Api.JSON.readTree(partial.toString());
            partial.setLength(0);
            if (message.isArray()) {
                message.forEach(inbox::add);
            } else {
                inbox.add(message);
            }
        }
        ws.request(1);
        return CompletableFuture.completedFuture(null);
    }
}
