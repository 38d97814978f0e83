package dev.chat.auth.login;

import dev.chat.auth.token.TokenResponse;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class LoginController {

    private final Logins logins;

    LoginController(Logins logins) {
        this.logins = logins;
    }

    @PostMapping(path = "/api/auth/login", consumes = "application/json")
    TokenResponse login(@Valid @RequestBody LoginRequest request) {
        return logins.login(request);
    }
}
