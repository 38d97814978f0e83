package dev.chat.conversation.users;

import dev.chat.web.problem.ApiProblem;
import java.util.Collection;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Answers "do these users exist?" from the local projection of chat.users.v1, and asks auth-service only
 * for the ones not there yet: the projection lags a registration by milliseconds.
 */
@Component
public class UserDirectory {

    private final UserRepository users;
    private final AuthServiceClient authService;

    UserDirectory(UserRepository users, AuthServiceClient authService) {
        this.users = users;
        this.authService = authService;
    }

    /**
     * @throws ApiProblem (404) for the first user that does not exist
     * @throws ApiProblem (503) when auth-service cannot answer
     */
    public void requireExisting(Collection<UUID> userIds, String bearerToken) {
        for (UUID missing : users.notInProjection(userIds)) {
            if (!authService.userExists(missing, bearerToken)) {
                throw ApiProblem.notFound("user " + missing + " not found");
            }
        }
    }
}
