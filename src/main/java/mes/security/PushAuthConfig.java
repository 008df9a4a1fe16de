package mes.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** How POST /pubsub/push authenticates Pub/Sub's push requests. */
@ConfigMapping(prefix = "mes.pubsub.push")
public interface PushAuthConfig {

    /** The audience the push subscription puts into its OIDC token (terraform sets both). */
    @WithDefault("https://mes.invalid/pubsub/push")
    String audience();

    /** The service account the push subscription signs as; any when absent. */
    Optional<String> serviceAccount();

    /** Where Google publishes its signing keys (JWKS). */
    @WithDefault("https://www.googleapis.com/oauth2/v3/certs")
    String jwksUrl();

    /** Accepted token issuers. */
    @WithDefault("https://accounts.google.com,accounts.google.com")
    Set<String> issuers();

    /** Tolerated clock difference. */
    @WithDefault("60s")
    Duration clockSkew();

    /** Also accept HTTP Basic credentials of an INTEGRATION user (dev and test only). */
    @WithDefault("false")
    boolean allowBasic();
}
