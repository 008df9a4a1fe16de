package mes.oee.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** OEE figures (contracts/oee.md) and their quarter-hour rollups. */
@ConfigMapping(prefix = "mes.oee")
public interface OeeConfig {

    Rollups rollups();

    interface Rollups {
        /**
         * Serve the ended, wholly planned quarter hours of a window from stored rollups. Off, every
         * figure is folded from the raw facts (the definition; slow for long windows).
         */
        @WithDefault("true")
        boolean enabled();

        /** How often the rollup job fills the quarter hours that ended since it last ran ("off" to disable). */
        @WithDefault("1m")
        String every();

        /** How far back the job looks for quarter hours without rollups; older ones are filled by the first query. */
        @WithDefault("24h")
        Duration lookback();
    }
}
