package dev.chat.auth.token;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class RefreshController {

    private final Sessions sessions;

    RefreshController(Sessions sessions) {
        this.sessions = sessions;
    }

    @PostMapping(path = "/api/auth/refresh", consumes = "application/json")
    TokenResponse refresh(@Valid @RequestBody RefreshRequest request) {
        return sessions.refresh(request.refreshToken());
    }

    record RefreshRequest(@NotBlank @Size(max = 256) String refreshToken) {
    }
}
