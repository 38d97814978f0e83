package dev.chat.auth.register;

import dev.chat.auth.user.UserView;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class RegisterController {

    private final Registrations registrations;

    RegisterController(Registrations registrations) {
        this.registrations = registrations;
    }

    @PostMapping(path = "/api/auth/register", consumes = "application/json")
    ResponseEntity<UserView> register(@Valid @RequestBody RegisterRequest request) {
        UserView user = registrations.register(request);
        return ResponseEntity.created(URI.create("/api/users/" + user.userId())).body(user);
    }
}
