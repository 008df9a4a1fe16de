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

    /** Chance per message that a fault (spike, stuck sensor, step) starts on one sensor. */
    @WithDefault("0.002")
    double faultProbability();
}
