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

    /** Batching of payloads from all sources into one transaction. */
    Batch batch();

    /** The per-machine budget of sensor readings; above it readings are downsampled per second. */
    RateLimit rateLimit();

    interface Batch {
        /** A batch is written once it holds this many messages... */
        @WithDefault("1000")
        int maxMessages();

        /** ...or once its first payload has waited this long. */
        @WithDefault("50ms")
        Duration maxWait();

        /** Payloads waiting to be written at most; beyond it HTTP answers 503 and Pub/Sub holds back. */
        @WithDefault("10000")
        int queueCapacity();

        /** Longest pause between retries while the database is unavailable. */
        @WithDefault("10s")
        Duration maxRetryBackoff();
    }

    interface RateLimit {
        /** Limit readings per machine at all. */
        @WithDefault("true")
        boolean enabled();

        /** Sustained readings per second and machine that are stored in full. */
        @WithDefault("2000")
        double readingsPerSecond();

        /** Readings a machine may send at once above the sustained rate. */
        @WithDefault("10000")
        double burst();
    }
}
