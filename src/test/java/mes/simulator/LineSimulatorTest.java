package mes.simulator;

import static mes.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import mes.ingest.IngestReport;
import mes.simulator.domain.DemoPlant;
import org.junit.jupiter.api.Test;

/** The simulator registers the demo plant and feeds it through the real ingestion path. */
@QuarkusTest
class LineSimulatorTest {

    @Inject
    LineSimulator simulator;

    @Test
    void theDemoPlantComesAliveThroughIngestion() {
        simulator.seedDemoPlant();
        simulator.seedDemoPlant(); // idempotent
        simulator.start(DemoPlant.MACHINES.size());
        IngestReport first = simulator.tick();
        IngestReport second = simulator.tick();
        assertThat(first.accepted()).isEqualTo(DemoPlant.MACHINES.size());
        assertThat(second.accepted()).isEqualTo(DemoPlant.MACHINES.size());
        assertThat(first.rejected()).isEmpty();

        List<Map<String, Object>> machines = as("supervisor").get("/api/v1/machines").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.lineId.startsWith('L-') && it.kind != null }");
        assertThat(machines).hasSizeGreaterThanOrEqualTo(54);
        assertThat(machines).allSatisfy(m -> {
            assertThat(m.get("state")).isIn("RUNNING", "IDLE", "SETUP", "DOWN");
            assertThat(m.get("stateSince")).isNotNull();
        });
        as("auditor").get("/api/v1/sites/" + DemoPlant.SITE.id() + "/calendar").then().statusCode(200);
    }
}
