package mes.ingest.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The Pub/Sub path against the project's gRPC stand-in. */
@QuarkusTest
@WithTestResource(StandInBroker.class)
class PubSubStandInTest extends PubSubIngestContract {
}
