package dev.chat.auth.login;

import dev.chat.auth.config.AuthProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At most {@code max-failures} failed logins per username in a sliding {@code window}. An attempt is
 * counted as failed before the password is checked and forgotten only when it succeeds, so parallel
 * guesses cannot slip past the limit while their bcrypt checks run.
 */
@Component
class LoginThrottle {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final int maxFailures;
    private final Duration window;

    LoginThrottle(JdbcClient jdbc, PlatformTransactionManager txManager, Clock clock, AuthProperties props) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(txManager);
        this.clock = clock;
        this.maxFailures = props.loginThrottle().maxFailures();
        this.window = props.loginThrottle().window();
    }

    /** Records an attempt for {@code username}, or answers how long until the next one is allowed. */
    Optional<Duration> tryAcquire(String username) {
        return tx.execute(status -> {
            // Serializes the attempts of one username across threads and instances.
            jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))").param("login:" + username)
                    .query().listOfRows();
            Instant now = clock.instant();
            List<Instant> recent = jdbc.sql("""
                            select failed_at from login_failures
                            where username = ? and failed_at > ?
                            order by failed_at desc""")
                    .params(username, Timestamp.from(now.minus(window)))
                    .query((rs, n) -> rs.getTimestamp(1).toInstant())
                    .list();
            if (recent.size() >= maxFailures) {
                // Allowed again once the failures in the window drop below the limit.
                Instant freeAt = recent.get(maxFailures - 1).plus(window);
                return Optional.of(Duration.between(now, freeAt));
            }
            jdbc.sql("insert into login_failures (username, failed_at) values (?, ?)")
                    .params(username, Timestamp.from(now))
                    .update();
            return Optional.<Duration>empty();
        });
    }

    /** A successful login clears the username's failures. */
    void succeeded(String username) {
        jdbc.sql("delete from login_failures where username = ?").param(username).update();
    }

    @Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT5M")
    void purgeOld() {
        jdbc.sql("delete from login_failures where failed_at < ?")
                .param(Timestamp.from(clock.instant().minus(window)))
                .update();
    }
}
