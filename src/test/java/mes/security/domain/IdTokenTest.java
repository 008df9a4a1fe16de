package mes.security.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import mes.support.TestTokens;
import org.junit.jupiter.api.Test;

class IdTokenTest {

    static final TestTokens GOOGLE = new TestTokens("k1");
    static final TestTokens MALLORY = new TestTokens("k1");
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final String ISSUER = "https://accounts.google.com";
    static final String AUDIENCE = "https://mes.example/pubsub/push";
    static final String PUSHER = "push@p.iam.gserviceaccount.com";
    static final IdToken.Expectations EXPECT = new IdToken.Expectations(Set.of(ISSUER, "accounts.google.com"), AUDIENCE,
            Optional.of(PUSHER), Duration.ofSeconds(60));
    static final Function<String, Optional<PublicKey>> KEYS = kid -> kid.equals("k1") ? Optional.of(GOOGLE.keys.getPublic()) : Optional.empty();

    @Test
    void aTokenOfThePushServiceAccountForThisAudienceIsAccepted() throws Exception {
        IdToken.Verified v = IdToken.verify(GOOGLE.token(ISSUER, AUDIENCE, PUSHER, NOW.plusSeconds(600)), KEYS, EXPECT, NOW);
        assertThat(v.email()).isEqualTo(PUSHER);
    }

    @Test
    void eachWrongClaimIsRefusedWithItsReason() {
        assertThatThrownBy(() -> IdToken.verify(GOOGLE.token(ISSUER, "https://other/push", PUSHER, NOW.plusSeconds(600)), KEYS, EXPECT, NOW))
                .hasMessageContaining("audience");
        assertThatThrownBy(() -> IdToken.verify(GOOGLE.token("https://evil.example", AUDIENCE, PUSHER, NOW.plusSeconds(600)), KEYS, EXPECT, NOW))
                .hasMessageContaining("issuer 'https://evil.example' is not accepted");
        assertThatThrownBy(() -> IdToken.verify(GOOGLE.token(ISSUER, AUDIENCE, "someone@else.com", NOW.plusSeconds(600)), KEYS, EXPECT, NOW))
                .hasMessageContaining("is not the push service account");
        assertThatThrownBy(() -> IdToken.verify(GOOGLE.token(ISSUER, AUDIENCE, PUSHER, NOW.minusSeconds(61)), KEYS, EXPECT, NOW))
                .hasMessageContaining("expired");
    }

    @Test
    void aForgedOrTamperedTokenIsRefused() {
        assertThatThrownBy(() -> IdToken.verify(MALLORY.token(ISSUER, AUDIENCE, PUSHER, NOW.plusSeconds(600)), KEYS, EXPECT, NOW))
                .hasMessageContaining("signature does not match");
        String good = GOOGLE.token(ISSUER, AUDIENCE, PUSHER, NOW.plusSeconds(600));
        String[] parts = good.split("\\.");
        String otherClaims = GOOGLE.token(ISSUER, AUDIENCE, PUSHER, NOW.plusSeconds(99_999)).split("\\.")[1];
        assertThatThrownBy(() -> IdToken.verify(parts[0] + "." + otherClaims + "." + parts[2], KEYS, EXPECT, NOW))
                .hasMessageContaining("signature does not match");
        assertThatThrownBy(() -> IdToken.verify("eyJhbGciOiJub25lIn0.e30.", KEYS, EXPECT, NOW))
                .hasMessageContaining("algorithm none is not accepted");
        assertThatThrownBy(() -> IdToken.verify("garbage", KEYS, EXPECT, NOW)).hasMessageContaining("not a JWT");
    }
}
