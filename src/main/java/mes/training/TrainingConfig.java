package mes.training;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The training matrix's settings. */
@ConfigMapping(prefix = "mes.training")
public interface TrainingConfig {

    /** How long before it expires a qualification is warned about. */
    @WithDefault("30d")
    Duration expiryWarning();

    /** The longest a supervisor's override lasts. */
    @WithDefault("12")
    int maxOverrideHours();
}
