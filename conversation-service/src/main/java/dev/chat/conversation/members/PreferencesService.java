package dev.chat.conversation.members;

import dev.chat.conversation.web.Caller;
import dev.chat.events.MemberPreferencesChanged;
import dev.chat.events.outbox.OutboxWriter;
import dev.chat.web.problem.ApiProblem;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A member's own notification settings. A change locks the member's row (not the conversation's: nobody else's
 * change depends on it), so two concurrent changes publish in the order they were written.
 */
@Service
class PreferencesService {

    private final MemberRepository members;
    private final OutboxWriter outbox;
    private final TransactionTemplate tx;

    PreferencesService(MemberRepository members, OutboxWriter outbox, TransactionTemplate tx) {
        this.members = members;
        this.outbox = outbox;
        this.tx = tx;
    }

    NotificationPreferences get(Caller caller, UUID conversationId) {
        return members.preferences(conversationId, caller.userId(), false)
                .orElseThrow(() -> notFound(conversationId));
    }

    /** Replaces the settings; publishes MemberPreferencesChanged only when they change. */
    NotificationPreferences change(Caller caller, UUID conversationId, PreferencesRequest request) {
        Instant mutedUntil = request.mutedUntil() == null ? null : request.mutedUntil().truncatedTo(ChronoUnit.MICROS);
        NotificationPreferences next = new NotificationPreferences(request.notifications(), mutedUntil);
        return tx.execute(status -> {
            NotificationPreferences current = members.preferences(conversationId, caller.userId(), true)
                    .orElseThrow(() -> notFound(conversationId));
            if (!next.equals(current)) {
                members.setPreferences(conversationId, caller.userId(), next);
                outbox.append(new MemberPreferencesChanged(conversationId, caller.userId(), next.notifications(),
                        next.mutedUntil(), MemberService.now()));
            }
            return next;
        });
    }

    private static ApiProblem notFound(UUID conversationId) {
        return ApiProblem.notFound("conversation " + conversationId + " not found");
    }
}
