package mes.ingest.messaging;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** The Pub/Sub stand-in as a test resource. */
public class StandInBroker extends PubSubBroker implements QuarkusTestResourceLifecycleManager {

    static final String EXTRA_SUBSCRIPTION = "observer";
    private PubSubStandIn server;

    @Override
    public Map<String, String> start() {
        try {
            server = new PubSubStandIn(0);
            createTopicAndSubscription(10, EXTRA_SUBSCRIPTION);
        } catch (Exception e) {
            throw new IllegalStateException("the Pub/Sub stand-in did not start", e);
        }
        current = this;
        return applicationConfig();
    }

    @Override
    public void stop() {
        try {
            close();
        } catch (Exception e) {
            // shutting down anyway
        }
        server.close();
    }

    @Override
    public String host() {
        return "127.0.0.1:" + server.port();
    }

    @Override
    public long unacknowledged() {
        return server.unacknowledged("projects/" + PROJECT + "/subscriptions/" + SUBSCRIPTION);
    }

    /** Deliveries made again (an ack deadline passed, or a nack). */
    public long redeliveries() {
        return server.redeliveries.get();
    }

    @Override
    public String name() {
        return "stand-in";
    }
}
