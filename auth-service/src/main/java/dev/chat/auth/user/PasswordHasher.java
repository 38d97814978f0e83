package dev.chat.auth.user;

import dev.chat.auth.config.AuthProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * bcrypt over a SHA-256 pre-hash of the password. bcrypt reads at most 72 bytes (Spring Security
 * rejects longer input), while we accept 128 characters; the base64 of the digest is 44 bytes, so
 * every character of a long password counts.
 */
@Component
public class PasswordHasher {

    private final BCryptPasswordEncoder bcrypt;
    /** Compared against when the user does not exist, so both paths cost one bcrypt check. */
    private final String dummyHash;

    PasswordHasher(AuthProperties props) {
        this.bcrypt = new BCryptPasswordEncoder(props.bcryptStrength());
        this.dummyHash = bcrypt.encode(preHash("not-a-real-password"));
    }

    public String hash(String password) {
        return bcrypt.encode(preHash(password));
    }

    public boolean matches(String password, String hash) {
        return bcrypt.matches(preHash(password), hash);
    }

    /** Burns the time of one check; answers false. */
    public boolean matchesNobody(String password) {
        bcrypt.matches(preHash(password), dummyHash);
        return false;
    }

    private static String preHash(String password) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
