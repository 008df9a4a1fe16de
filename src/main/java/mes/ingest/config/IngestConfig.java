package mes.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Sensor message ingestion (contracts/sensor-message.md). */
@ConfigMapping(prefix = "mes.ingest")
public interface IngestConfig {

    /** Messages older than this are rejected; raw readings are kept this long before archiving. */
    @WithDefault("7D")
    Duration retention();

    /** How far in the future a message's ts may lie (clock skew of gateways). */
    @WithDefault("5M")
    Duration futureSkew();
}
