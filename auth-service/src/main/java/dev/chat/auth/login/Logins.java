package dev.chat.auth.login;

import dev.chat.auth.token.Sessions;
import dev.chat.auth.token.TokenResponse;
import dev.chat.auth.user.PasswordHasher;
import dev.chat.auth.user.UserAccount;
import dev.chat.auth.user.Usernames;
import dev.chat.auth.user.Users;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

/** Password login: throttle, check the bcrypt hash, start a session. */
@Service
class Logins {

    private final Users users;
    private final PasswordHasher passwords;
    private final LoginThrottle throttle;
    private final Sessions sessions;

    Logins(Users users, PasswordHasher passwords, LoginThrottle throttle, Sessions sessions) {
        this.users = users;
        this.passwords = passwords;
        this.throttle = throttle;
        this.sessions = sessions;
    }

    TokenResponse login(LoginRequest request) {
        String username = Usernames.canonical(request.username());
        throttle.tryAcquire(username).ifPresent(wait -> {
            throw new LoginThrottledException(wait);
        });
        Optional<UserAccount> user = users.findByUsername(username);
        boolean ok = user.isPresent()
                ? passwords.matches(request.password(), user.get().passwordHash())
                : passwords.matchesNobody(request.password()); // same cost: no user enumeration by timing
        if (!ok) {
            throw badCredentials();
        }
        throttle.succeeded(username);
        return sessions.start(user.get());
    }

    private static ErrorResponseException badCredentials() {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, "Wrong username or password.");
        problem.setTitle("Invalid credentials");
        return new ErrorResponseException(HttpStatus.UNAUTHORIZED, problem, null);
    }

    /** 429 with Retry-After in whole seconds. */
    static final class LoginThrottledException extends ErrorResponseException {

        private final long retryAfterSeconds;

        LoginThrottledException(Duration wait) {
            super(HttpStatus.TOO_MANY_REQUESTS, problem(), null);
            this.retryAfterSeconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            getBody().setProperty("retryAfterSeconds", retryAfterSeconds);
        }

        private static ProblemDetail problem() {
            var problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                    "Too many failed logins for this username; try again later.");
            problem.setTitle("Too many login attempts");
            return problem;
        }

        @Override
        public HttpHeaders getHeaders() {
            var headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
            return headers;
        }
    }
}
