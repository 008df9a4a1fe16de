package mes.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The Pub/Sub subscription the sensor stream arrives on (streaming pull). */
@ConfigMapping(prefix = "mes.pubsub")
public interface PubSubConfig {

    /** Consume the subscription. Off in dev and test unless a test starts a Pub/Sub stand-in. */
    @WithDefault("false")
    boolean enabled();

    /** The subscription id (created by terraform/pubsub.tf) in the project of quarkus.google.cloud.project-id. */
    @WithDefault("mes-sensor-data")
    String subscription();

    /** Payloads delivered but not yet acknowledged, at most; beyond it the client stops pulling. */
    @WithDefault("1000")
    long maxOutstandingMessages();

    /** Bytes delivered but not yet acknowledged, at most. */
    @WithDefault("104857600")
    long maxOutstandingBytes();

    /** How long the client keeps extending the ack deadline of a payload it holds (e.g. while the database is down). */
    @WithDefault("60m")
    Duration maxAckExtension();

    /** Parallel streaming pulls. */
    @WithDefault("1")
    int parallelPulls();

    /** The dead-letter topic id: every quarantined message is also published there (prod); none when absent. */
    Optional<String> deadLetterTopic();

    /** Host:port of a Pub/Sub emulator or stand-in (plaintext, no credentials); empty in prod. */
    Optional<String> emulatorHost();
}
