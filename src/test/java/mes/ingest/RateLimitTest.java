package mes.ingest;

import static io.restassured.RestAssured.given;
import static mes.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mes.support.Api;
import org.junit.jupiter.api.Test;

/** A machine that floods: readings above its budget are kept as per-second aggregates, never dropped. */
@QuarkusTest
@TestProfile(RateLimitTest.LowBudget.class)
class RateLimitTest {

    public static class LowBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mes.ingest.rate-limit.readings-per-second", "1", "mes.ingest.rate-limit.burst", "8");
        }
    }

    @Inject
    AgroalDataSource db;

    @Test
    void readingsAboveTheBudgetAreDownsampledPerSecondAndStateAndCountersAreNot() throws Exception {
        String machine = Api.machine();
        Instant second = Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.SECONDS);
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < 10; i++) { // 10 messages in one second, 4 readings of one sensor each
            messages.add("{\"machineId\":\"" + machine + "\",\"ts\":\"" + second.plusMillis(i * 100L)
                    + "\",\"state\":\"RUNNING\",\"counters\":{\"good\":" + (100 + i) + "},\"values\":{\"spindle_temp_c\":" + (60 + i)
                    + ",\"a\":1,\"b\":2,\"c\":3}}");
        }
        double before = downsampledMetric();
        as("gateway").body("[" + String.join(",", messages) + "]").post("/api/v1/readings").then().statusCode(200)
                .body("accepted", equalTo(10));

        try (Connection c = db.getConnection()) {
            // the burst of 8 takes the first two messages in full
            assertThat(single(c, "SELECT count(*) FROM sensor_reading r JOIN machine_sensor s ON s.id = r.sensor_id"
                    + " WHERE s.machine_id = ? AND s.name = 'spindle_temp_c'", machine)).isEqualTo("2");
            // the other eight: one aggregate per sensor and second
            assertThat(single(c, "SELECT min_value || '|' || max_value || '|' || sum_value || '|' || count"
                    + " FROM sensor_reading_downsampled d JOIN machine_sensor s ON s.id = d.sensor_id"
                    + " WHERE s.machine_id = ? AND s.name = 'spindle_temp_c'", machine))
                    .isEqualTo("62|69|524|8");
            assertThat(single(c, "SELECT count(*) FROM counter_sample WHERE machine_id = ?", machine)).isEqualTo("10");
            assertThat(single(c, "SELECT count(*) FROM machine_state_event WHERE machine_id = ?", machine)).isEqualTo("10");
        }
        assertThat(downsampledMetric() - before).isCloseTo(32.0, within(0.001));
    }

    private static double downsampledMetric() {
        String metrics = given().get("/q/metrics").asString();
        return metrics.lines().filter(l -> l.startsWith("mes_ingest_readings_total{") && l.contains("outcome=\"downsampled\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static String single(Connection c, String sql, String arg) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
