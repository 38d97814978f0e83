package dev.chat.auth.register;

import dev.chat.auth.user.PasswordHasher;
import dev.chat.auth.user.UserAccount;
import dev.chat.auth.user.UserView;
import dev.chat.auth.user.Usernames;
import dev.chat.auth.user.Users;
import dev.chat.events.UserRegistered;
import dev.chat.events.outbox.OutboxWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

/** Creates an account and announces it ({@code UserRegistered}) in the same transaction. */
@Service
class Registrations {

    private final Users users;
    private final PasswordHasher passwords;
    private final OutboxWriter outbox;
    private final TransactionTemplate tx;
    private final Clock clock;

    Registrations(Users users, PasswordHasher passwords, OutboxWriter outbox, PlatformTransactionManager txManager,
                  Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.outbox = outbox;
        this.tx = new TransactionTemplate(txManager);
        this.clock = clock;
    }

    UserView register(RegisterRequest request) {
        String username = Usernames.canonical(request.username());
        String displayName = request.displayName().strip();
        // bcrypt is slow on purpose: hash before the transaction so no connection is held meanwhile.
        var account = new UserAccount(UUID.randomUUID(), username, displayName, passwords.hash(request.password()));
        Instant now = clock.instant();
        tx.executeWithoutResult(status -> {
            if (!users.insert(account, now)) {
                throw usernameTaken(username);
            }
            outbox.append(new UserRegistered(account.id(), username, displayName, now));
        });
        return account.view();
    }

    private static ErrorResponseException usernameTaken(String username) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "The username '" + username + "' is taken.");
        problem.setTitle("Username taken");
        return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
    }
}
