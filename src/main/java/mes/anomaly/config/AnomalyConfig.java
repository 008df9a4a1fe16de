package mes.anomaly.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/** Anomaly detection and alerts. Per-sensor settings live in the database (detection_setting). */
@ConfigMapping(prefix = "mes.anomaly")
public interface AnomalyConfig {

    /** Run the detectors on ingested messages. */
    @WithDefault("true")
    boolean enabled();

    /** New alerts one machine may open per minute of message time; the excess goes into one ALERT_STORM alert. */
    @WithDefault("5")
    @Min(1)
    int stormCap();

    /** A sensor alert not seen again for this long is resolved. */
    @WithDefault("10m")
    Duration quietPeriod();

    /** How often OFFLINE and DOWN_TOO_LONG are checked and quiet alerts resolved ("off" to disable). */
    @WithDefault("5s")
    String watchEvery();

    /** How many stored readings rebuild a detector after a restart. */
    @WithDefault("200")
    int replay();
}
