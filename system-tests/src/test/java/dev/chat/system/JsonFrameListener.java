package dev.chat.system;

import java.net.http.WebSocket;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import tools.jackson.databind.JsonNode;

/** Puts each whole text frame, read as JSON, into a queue the test thread takes from. */
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
            inbox.add(Api.JSON.readTree(partial.toString()));
            partial.setLength(0);
        }
        ws.request(1);
        return CompletableFuture.completedFuture(null);
    }
}
