package dev.chat.auth.keys;

import dev.chat.auth.config.AuthProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public key set and the OpenID discovery document, so any resource server can trust our tokens. */
@RestController
class DiscoveryController {

    private final SigningKeys keys;
    private final String issuer;
    private final String base;

    DiscoveryController(SigningKeys keys, AuthProperties props) {
        this.keys = keys;
        this.issuer = props.issuer(); // verbatim: it must equal the tokens' "iss"
        this.base = stripTrailingSlash(issuer);
    }

    @GetMapping(path = "/.well-known/jwks.json", produces = "application/json")
    Map<String, Object> jwks() {
        return keys.publicKeys().toJSONObject(true);
    }

    @GetMapping(path = "/.well-known/openid-configuration", produces = "application/json")
    Map<String, Object> openIdConfiguration() {
        var doc = new LinkedHashMap<String, Object>();
        doc.put("issuer", issuer);
        doc.put("jwks_uri", base + "/.well-known/jwks.json");
        doc.put("token_endpoint", base + "/api/auth/login");
        doc.put("grant_types_supported", List.of("password", "refresh_token"));
        doc.put("response_types_supported", List.of("token"));
        doc.put("subject_types_supported", List.of("public"));
        doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
        doc.put("token_endpoint_auth_methods_supported", List.of("none"));
        doc.put("claims_supported", List.of("iss", "sub", "exp", "iat", "jti", "preferred_username", "name", "scope"));
        doc.put("scopes_supported", List.of("chat"));
        return doc;
    }

    private static String stripTrailingSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
