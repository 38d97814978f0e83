package dev.chat.auth.user;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Profile look-ups for signed-in users. */
@RestController
@RequestMapping("/api/users")
class UserController {

    private final Users users;

    UserController(Users users) {
        this.users = users;
    }

    @GetMapping("/me")
    UserView me(@AuthenticationPrincipal Jwt jwt) {
        return byId(UUID.fromString(jwt.getSubject()));
    }

    @GetMapping("/{id}")
    UserView byId(@PathVariable UUID id) {
        return users.findById(id).map(UserAccount::view).orElseThrow(() -> notFound(id));
    }

    @GetMapping
    SearchResult search(@RequestParam @NotBlank @Size(max = 64) String q,
                        @RequestParam(defaultValue = "20") @Min(1) @Max(50) int limit) {
        return new SearchResult(users.searchByPrefix(q.strip(), limit));
    }

    record SearchResult(List<UserView> items) {
    }

    private static ErrorResponseException notFound(UUID id) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No user " + id);
        problem.setTitle("User not found");
        return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    }
}
