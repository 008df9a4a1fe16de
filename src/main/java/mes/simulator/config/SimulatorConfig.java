package mes.simulator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The line simulator of the demo plant (dev profile only). */
@ConfigMapping(prefix = "mes.simulator")
public interface SimulatorConfig {

    /** Run the simulator: register the demo plant and feed its machines' messages into ingestion. */
    @WithDefault("false")
    boolean enabled();

    /** How often every simulated machine sends a message. */
    @WithDefault("2s")
    Duration interval();

    /** How many of the demo plant's machines to simulate (all when absent). */
    Optional<Integer> machines();

    /** Seed of the random generators: the same seed gives the same plant behaviour. */
    @WithDefault("20261125")
    long seed();

    /**
     * History to simulate at start, so that the OEE pages have a past: this long before now, one
     * message per machine every {@link #backfillInterval()}, sent before the live messages start.
     */
    @WithDefault("0s")
    Duration backfill();

    /** The spacing of the backfilled messages (below the heartbeat timeout, or the past shows OFFLINE). */
    @WithDefault("30s")
    Duration backfillInterval();

    /**
     * How often the demo CMM and gauges record a subgroup for each demo characteristic on the
     * running lots, so that the SPC charts fill while dev mode runs.
     */
    @WithDefault("20s")
    Duration inspectionInterval();

    /** How often the demo line calls maintenance for its breakdowns, and the technician answers and resolves. */
    @WithDefault("15s")
    Duration andonInterval();

    /** Chance per message that a fault (spike, stuck sensor, step) starts on one sensor. */
    @WithDefault("0.002")
    double faultProbability();
}
