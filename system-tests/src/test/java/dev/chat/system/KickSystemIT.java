package dev.chat.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A kick through the gateway, seen by every part that holds membership: the kicked member's socket is told at once
 * (conversation.changed member_left), gets no push of the conversation after it, and message-service refuses their
 * posts and reads, while the others carry on.
 */
class KickSystemIT {

    @Test
    void aKickedMemberIsToldLiveAndThenGetsNoPushesAndCanNeitherPostNorRead() {
        Stack stack = Stack.shared();
        Api api = new Api(stack.gatewayUrl());
        Api.User owner = api.newUser("owner");
        Api.User kim = api.newUser("kim");
        Api.User bo = api.newUser("bo");
        Api.Response group = api.post("/api/conversations", owner.token(),
                Map.of("type", "GROUP", "title", "kick test", "memberIds", List.of(kim.id(), bo.id())));
        assertThat(group.status()).as(group.body().toString()).isEqualTo(201);
        String id = group.body().path("id").asString();
        String fence = api.createDirect(owner, kim);

        try (SocketClient kimSocket = new SocketClient(api, stack.gatewayWsUrl(), kim);
             SocketClient boSocket = new SocketClient(api, stack.gatewayWsUrl(), bo)) {
            api.send(owner, id, "before");
            kimSocket.awaitApplied(id, 1);
            boSocket.awaitApplied(id, 1);

            Api.Response kick = api.call(HttpRequest.newBuilder(
                    URI.create(stack.gatewayUrl() + "/api/conversations/" + id + "/members/" + kim.id())).DELETE(),
                    owner.token());
            assertThat(kick.status()).as(kick.body().toString()).isEqualTo(204);

            JsonNode told = kimSocket.awaitFrame("conversation.changed",
                    f -> id.equals(f.path("conversationId").asString()) && "member_left".equals(f.path("change").asString()));
            assertThat(told.path("userId").asString()).isEqualTo(kim.id());

            // Once message-service has the kick, Kim can neither post nor read; the others are untouched.
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    api.sendRaw(kim, id, UUID.randomUUID().toString(), "still here?").status() == 404);
            assertThat(api.get("/api/conversations/" + id + "/messages", kim.token()).status()).isEqualTo(404);
            long after = api.send(owner, id, "after").path("seq").asLong();
            boSocket.awaitApplied(id, after);

            // A fence: a push to Kim published after the group's last one. Pushes to one node keep their order, so
            // once it arrived, a push of "after" to Kim would have arrived before it.
            long fenced = api.send(owner, fence, "fence").path("seq").asLong();
            kimSocket.awaitApplied(fence, fenced);
            assertThat(kimSocket.pushed.get(id)).containsExactly(1L);
            assertThat(kimSocket.appliedSeqs(id)).containsExactly(1L);
        }
    }
}
