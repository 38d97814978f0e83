package dev.chat.presence.socket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.presence.TestSocket;
import dev.chat.testsupport.RealInfrastructure;
import dev.chat.testsupport.TestIssuer;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** Its own context: a read-idle timeout short enough to wait for. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "chat.presence.socket.read-idle-timeout=2s")
@ActiveProfiles("it")
@RealInfrastructure(database = "presence_it")
class SilentSocketIT {

    @LocalServerPort
    int port;

    @Test
    void aSocketThatSendsNothingForTheReadIdleTimeoutIsClosedWith4408() {
        UUID user = UUID.randomUUID();
        try (TestSocket socket = TestSocket.authenticated(port, TestIssuer.shared().token(user, "quiet"))) {
            assertThat(socket.awaitClose()).isEqualTo(4408);
        }
    }
}
