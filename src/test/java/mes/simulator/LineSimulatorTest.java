package mes.simulator;

import static mes.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
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
    void theDemoPlantComesAliveThroughIngestion() throws SQLException {
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

        // a dev-mode reload starts the simulator again over the same database: the counters go on, never back
        Map<String, Long> before = goodCounters();
        simulator.start(DemoPlant.MACHINES.size());
        simulator.tick();
        Map<String, Long> after = goodCounters();
        assertThat(after).allSatisfy((machine, good) -> assertThat(good).as(machine).isGreaterThanOrEqualTo(before.get(machine)));
    }

    @Inject
    AgroalDataSource db;

    /** The newest good counter of each demo machine (no PLC reset happens in three ticks at this seed). */
    Map<String, Long> goodCounters() throws SQLException {
        Map<String, Long> out = new HashMap<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT DISTINCT ON (machine_id) machine_id, good FROM counter_sample WHERE machine_id = ANY(?) ORDER BY machine_id, ts DESC")) {
            ps.setArray(1, c.createArrayOf("text", DemoPlant.MACHINES.stream().map(m -> m.id()).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }
}
