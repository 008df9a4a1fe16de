package mes.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The issuer's public keys (a JWKS document), fetched on first use, kept for an hour, and
 * fetched again (at most once a minute) when a token names a key not yet known (key rotation).
 */
@ApplicationScoped
public class SigningKeys {

    private static final Duration KEEP = Duration.ofHours(1);
    private static final Duration MIN_REFRESH = Duration.ofMinutes(1);

    @Inject
    PushAuthConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    private Map<String, PublicKey> keys = Map.of();
    private Instant fetched = Instant.EPOCH;

    public synchronized Optional<PublicKey> key(String kid) {
        Instant now = clock.instant();
        boolean stale = now.isAfter(fetched.plus(KEEP));
        boolean unknown = !keys.containsKey(kid) && now.isAfter(fetched.plus(MIN_REFRESH));
        if (stale || unknown) {
            fetch(now);
        }
        return Optional.ofNullable(keys.get(kid));
    }

    /** Forgets the keys (tests rotate them). */
    public synchronized void forget() {
        keys = Map.of();
        fetched = Instant.EPOCH;
    }

    private void fetch(Instant now) {
        try (InputStream in = URI.create(config.jwksUrl()).toURL().openStream()) {
            JsonNode doc = json.readTree(in);
            Map<String, PublicKey> fresh = new HashMap<>();
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            for (JsonNode k : doc.path("keys")) {
                if ("RSA".equals(k.path("kty").asText())) {
                    BigInteger n = new BigInteger(1, Base64.getUrlDecoder().decode(k.path("n").asText()));
                    BigInteger e = new BigInteger(1, Base64.getUrlDecoder().decode(k.path("e").asText()));
                    fresh.put(k.path("kid").asText(), rsa.generatePublic(new RSAPublicKeySpec(n, e)));
                }
            }
            keys = Map.copyOf(fresh);
            fetched = now;
        } catch (Exception e) {
            Log.warnf("Could not fetch the signing keys from %s: %s", config.jwksUrl(), e.getMessage());
            fetched = now.minus(KEEP).plus(MIN_REFRESH); // try again in a minute, keep what we had
        }
    }
}
