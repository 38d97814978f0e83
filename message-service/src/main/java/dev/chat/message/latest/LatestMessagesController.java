package dev.chat.message.latest;

import dev.chat.message.Message;
import dev.chat.message.reaction.ReactionCounts;
import dev.chat.message.web.Caller;
import dev.chat.web.problem.ApiProblem;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The last message of each of a page of the caller's conversations: a conversation list's previews and order. */
@RestController
class LatestMessagesController {

    static final int MAX_CONVERSATIONS = 100;

    private final LatestMessagesRepository latest;
    private final ReactionCounts reactions;

    LatestMessagesController(LatestMessagesRepository latest, ReactionCounts reactions) {
        this.latest = latest;
        this.reactions = reactions;
    }

    /**
     * Conversations the caller is not a member of, or without messages, are left out: the answer says nothing
     * about conversations of others, so ids can be sent without checking them first.
     */
    @GetMapping("/api/messages/latest")
    LatestMessages latest(@AuthenticationPrincipal Jwt jwt, @RequestParam List<UUID> conversationIds) {
        var ids = new LinkedHashSet<>(conversationIds);
        ids.remove(null); // "a,,b" binds an empty element as null
        if (ids.isEmpty() || ids.size() > MAX_CONVERSATIONS) {
            throw ApiProblem.badRequest("conversationIds must list 1 to " + MAX_CONVERSATIONS + " conversation ids");
        }
        UUID caller = Caller.of(jwt).userId();
        List<Latest> found = latest.of(caller, List.copyOf(ids));
        List<Message> withReactions = reactions.of(found.stream().map(Latest::message).toList(), caller);
        return new LatestMessages(java.util.stream.IntStream.range(0, found.size())
                .mapToObj(i -> new Latest(found.get(i).conversationId(), withReactions.get(i))).toList());
    }

    record LatestMessages(List<Latest> items) {
    }

    record Latest(UUID conversationId, Message message) {
    }
}
