package dev.chat.message.schedule;

import dev.chat.message.changes.ChangeSequence;
import dev.chat.message.membership.Membership;
import dev.chat.message.send.MessageIds;
import dev.chat.message.web.Caller;
import dev.chat.web.problem.ApiProblem;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Schedules, changes and cancels a member's messages. Scheduling and changing one is preparing a post: the caller
 * must be allowed to post now, by the same rules a send obeys ({@link ChangeSequence#mayPost}); the
 * {@link ScheduledDelivery} checks them again at send time, when they are what counts. Cancelling is not posting: a
 * muted member, or one who left, still cancels. Only the author sees or touches a scheduled message (anyone else gets
 * 404), and only while it is PENDING (409 once it was sent or failed, or while it is being sent).
 */
@Service
class Scheduler {

    /** The most scheduled messages a list returns. */
    static final int MAX_LISTED = 500;

    private final ScheduleStore store;
    private final ChangeSequence changes;
    private final Membership membership;
    private final Duration maxAhead;

    Scheduler(ScheduleStore store, ChangeSequence changes, Membership membership,
              @Value("${chat.message.schedule.max-ahead}") Duration maxAhead) {
        this.store = store;
        this.changes = changes;
        this.membership = membership;
        this.maxAhead = maxAhead;
    }

    ScheduledMessage schedule(UUID conversationId, Caller caller, ScheduleRequests.Create request) {
        Instant now = now();
        requireValidTime(request.sendAt(), now);
        requireMayPost(conversationId, caller);
        if (request.replyToId() != null && !store.isMessageOf(request.replyToId(), conversationId)) {
            throw ApiProblem.badRequest("replyToId must be a message of this conversation");
        }
        ScheduledMessage scheduled = new ScheduledMessage(MessageIds.next(), conversationId, caller.userId(),
                request.body(), request.replyToId(), request.sendAt(), now, now, ScheduledMessage.State.PENDING,
                null, null, null);
        store.insert(scheduled);
        return scheduled;
    }

    ScheduledMessage change(UUID id, Caller caller, ScheduleRequests.Change request) {
        if (request.body() == null && request.sendAt() == null) {
            throw ApiProblem.badRequest("give a new body, a new sendAt, or both");
        }
        Instant now = now();
        if (request.sendAt() != null) {
            requireValidTime(request.sendAt(), now);
        }
        ScheduledMessage current = pendingOf(id, caller);
        requireMayPost(current.conversationId(), caller);
        return store.change(id, caller.userId(), request.body(), request.sendAt(), now)
                .orElseGet(() -> {
                    pendingOf(id, caller); // sent or cancelled meanwhile: 409 or 404
                    throw new IllegalStateException("scheduled message " + id + " is pending but did not change");
                });
    }

    void cancel(UUID id, Caller caller) {
        if (!store.cancel(id, caller.userId())) {
            pendingOf(id, caller); // 404 or 409
            throw new IllegalStateException("scheduled message " + id + " is pending but was not cancelled");
        }
    }

    List<ScheduledMessage> pending(Caller caller, @Nullable UUID conversationId) {
        if (conversationId != null) {
            membership.require(conversationId, caller);
        }
        return store.pending(caller.userId(), conversationId, MAX_LISTED);
    }

    /** @throws ApiProblem 404 when it is not the caller's, 409 when it is no longer PENDING */
    private ScheduledMessage pendingOf(UUID id, Caller caller) {
        ScheduledMessage found = store.find(id).filter(m -> m.senderId().equals(caller.userId()))
                .orElseThrow(() -> ApiProblem.notFound("scheduled message " + id + " not found"));
        if (found.state() != ScheduledMessage.State.PENDING) {
            throw ApiProblem.conflict("scheduled message " + id + " was already "
                    + (found.state() == ScheduledMessage.State.SENT ? "sent" : "tried, and failed"));
        }
        return found;
    }

    /**
     * The posting rules as a send applies them: 404 for a non-member, 403 muted or a plain member of a read-only
     * channel, 409 archived. A member the projection does not list yet (milliseconds after joining) is confirmed
     * with conversation-service, as a send does; the rest of the rules are applied at send time.
     */
    private void requireMayPost(UUID conversationId, Caller caller) {
        Optional<ChangeSequence.Taken> standing = changes.mayPost(conversationId, caller.userId());
        if (standing.isEmpty()) {
            membership.confirmWithConversationService(conversationId, caller);
        } else if (standing.get().refusal() != null) {
            throw standing.get().refusal().problem();
        }
    }

    private void requireValidTime(Instant sendAt, Instant now) {
        if (!sendAt.isAfter(now)) {
            throw ApiProblem.badRequest("sendAt must be in the future");
        }
        if (sendAt.isAfter(now.plus(maxAhead))) {
            throw ApiProblem.badRequest("sendAt must be at most " + maxAhead.toDays() + " days ahead");
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
