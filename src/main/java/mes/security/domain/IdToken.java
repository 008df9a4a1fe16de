package mes.security.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Verifies a Google-signed OIDC ID token (RS256 JWT), as a Pub/Sub push subscription sends it:
 * signature by a key of the issuer's key set, issuer, audience, the push service account's
 * e-mail, and the validity window. Plain Java; the key set comes in as a function.
 */
public final class IdToken {

    /** What a valid token must say. */
    public record Expectations(Set<String> issuers, String audience, Optional<String> email, Duration clockSkew) {
    }

    /** A verified token's subject. */
    public record Verified(String email, String subject, Instant expires) {
    }

    /** The token is not acceptable; the message says why. */
    public static final class Invalid extends Exception {
        public Invalid(String reason) {
            super(reason, null, false, false);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private IdToken() {
    }

    /**
     * @param keys the issuer's public key by key id, empty when unknown
     */
    public static Verified verify(String token, Function<String, Optional<PublicKey>> keys, Expectations expected,
            Instant now) throws Invalid {
        String[] parts = token == null ? new String[0] : token.split("\\.", -1);
        if (parts.length != 3) {
            throw new Invalid("not a JWT");
        }
        JsonNode header = json(parts[0], "header");
        JsonNode claims = json(parts[1], "claims");
        if (!"RS256".equals(header.path("alg").asText())) {
            throw new Invalid("algorithm " + header.path("alg").asText() + " is not accepted; RS256 is");
        }
        String kid = header.path("kid").asText("");
        PublicKey key = keys.apply(kid).orElseThrow(() -> new Invalid("signed with unknown key '" + kid + "'"));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rsa.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                throw new Invalid("the signature does not match");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new Invalid("the signature cannot be checked: " + e.getMessage());
        }
        String issuer = claims.path("iss").asText("");
        if (!expected.issuers().contains(issuer)) {
            throw new Invalid("issuer '" + issuer + "' is not accepted");
        }
        JsonNode aud = claims.path("aud");
        boolean audienceMatches = aud.isArray()
                ? java.util.stream.StreamSupport.stream(aud.spliterator(), false).anyMatch(a -> a.asText().equals(expected.audience()))
                : aud.asText("").equals(expected.audience());
        if (!audienceMatches) {
            throw new Invalid("audience '" + aud + "' is not " + expected.audience());
        }
        String email = claims.path("email").asText("");
        if (expected.email().isPresent()) {
            if (!expected.email().get().equals(email)) {
                throw new Invalid("e-mail '" + email + "' is not the push service account");
            }
            if (!claims.path("email_verified").asBoolean(false)) {
                throw new Invalid("the e-mail is not verified");
            }
        }
        if (!claims.path("exp").canConvertToLong()) {
            throw new Invalid("no expiry");
        }
        Instant expires = Instant.ofEpochSecond(claims.path("exp").asLong());
        if (now.isAfter(expires.plus(expected.clockSkew()))) {
            throw new Invalid("expired at " + expires);
        }
        if (claims.has("iat") && Instant.ofEpochSecond(claims.path("iat").asLong()).isAfter(now.plus(expected.clockSkew()))) {
            throw new Invalid("issued in the future");
        }
        return new Verified(email, claims.path("sub").asText(""), expires);
    }

    private static JsonNode json(String part, String what) throws Invalid {
        try {
            JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(part));
            if (node == null || !node.isObject()) {
                throw new Invalid("the " + what + " is not a JSON object");
            }
            return node;
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw new Invalid("the " + what + " is not base64url JSON");
        }
    }
}
