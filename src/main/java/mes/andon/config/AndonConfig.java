package mes.andon.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Andon calls: when an unanswered or unresolved call is escalated. */
@ConfigMapping(prefix = "mes.andon")
public interface AndonConfig {

    /** A call nobody has answered for this long goes to the supervisor. */
    @WithDefault("5m")
    Duration escalateUnacknowledgedAfter();

    /** A call not resolved this long after it was made goes to the plant's management. */
    @WithDefault("60m")
    Duration escalateUnresolvedAfter();

    /** How often calls are checked for escalation ("off" to disable; tests call the check themselves). */
    @WithDefault("30s")
    String escalateEvery();
}
