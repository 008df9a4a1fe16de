package mes.ingest.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The same Pub/Sub tests against Google's emulator, where it is installed (skipped elsewhere, saying why). */
@QuarkusTest
@WithTestResource(EmulatorBroker.class)
class PubSubEmulatorTest extends PubSubIngestContract {
}
