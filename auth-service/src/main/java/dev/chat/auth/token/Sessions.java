package dev.chat.auth.token;

import dev.chat.auth.user.UserAccount;
import dev.chat.auth.user.Users;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

/** Starts a session (after login) and continues it (refresh), handing out a token pair each time. */
@Service
public class Sessions {

    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final Users users;
    private final TransactionTemplate tx;

    Sessions(AccessTokens accessTokens, RefreshTokens refreshTokens, Users users, PlatformTransactionManager txManager) {
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.users = users;
        this.tx = new TransactionTemplate(txManager);
    }

    /** A new refresh-token family for a user who just proved their password. */
    public TokenResponse start(UserAccount user) {
        String refreshToken = tx.execute(s -> refreshTokens.issue(user.id(), UUID.randomUUID()));
        return response(user, refreshToken);
    }

    /** Rotates the refresh token; 401 if it is unknown, expired, revoked or already used. */
    public TokenResponse refresh(String presented) {
        // The rotation commits even when it answers "reused": the family revocation must stick.
        RefreshTokens.Rotation rotation = tx.execute(s -> refreshTokens.rotate(presented));
        if (!(rotation instanceof RefreshTokens.Rotation.Rotated(UUID userId, String newToken))) {
            throw invalidRefreshToken();
        }
        UserAccount user = users.findById(userId).orElseThrow(Sessions::invalidRefreshToken);
        return response(user, newToken);
    }

    private TokenResponse response(UserAccount user, String refreshToken) {
        return new TokenResponse(accessTokens.issue(user), "Bearer", accessTokens.ttl().toSeconds(), refreshToken,
                user.id());
    }

    private static ErrorResponseException invalidRefreshToken() {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                "The refresh token is invalid, expired or was already used; sign in again.");
        problem.setTitle("Invalid refresh token");
        return new ErrorResponseException(HttpStatus.UNAUTHORIZED, problem, null);
    }
}
