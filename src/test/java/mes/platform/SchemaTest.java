package mes.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Flyway migrations against the embedded PostgreSQL: tables, constraints, triggers, partitions. */
@QuarkusTest
class SchemaTest {

    @Inject
    AgroalDataSource db;

    private List<String> strings(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void everyMigrationIsAppliedAndTheDomainTablesExist() throws SQLException {
        assertThat(strings("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank"))
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "21", "22", "23", "24");
        assertThat(strings("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).contains(
                "site", "area", "line", "machine", "machine_sensor", "site_calendar", "app_user",
                "machine_state_event", "counter_sample", "sensor_reading", "machine_status", "quarantined_message",
                "ingested_message", "sensor_reading_downsampled", "archive_export",
                "part", "routing_operation", "work_order", "work_order_quantity_correction", "alert",
                "inspection", "inspection_measurement", "audit_event", "machine_coverage", "downtime_reason",
                "oee_slot", "oee_slot_loss", "oee_slot_output", "detection_setting", "sensor_baseline",
                "work_order_run", "lot", "lot_consumption", "serial_unit", "lot_hold",
                "gauge", "calibration", "characteristic", "nonconformity", "nonconformity_lot", "lot_release", "capa", "capa_action",
                "capa_check", "report", "inspection_correction", "bill_of_material", "spc_baseline", "gauge_study",
                "control_plan_revision", "nonconformity_evidence", "qualification_requirement", "qualification_grant",
                "site_downtime_reasons", "maintenance_plan", "maintenance_order", "andon_call", "oee_slot_down");
    }

    @Test
    void readingsArePartitionedByDayAndThePartitionFunctionIsIdempotent() throws SQLException {
        assertThat(strings("SELECT partstrat FROM pg_partitioned_table WHERE partrelid = 'sensor_reading'::regclass"))
                .containsExactly("r");
        assertThat(strings("SELECT ensure_daily_partition('sensor_reading', DATE '2026-01-15')")).containsExactly("sensor_reading_20260115");
        assertThat(strings("SELECT ensure_daily_partition('sensor_reading', DATE '2026-01-15')")).containsExactly("sensor_reading_20260115");
        assertThat(strings("SELECT pg_get_expr(relpartbound, oid) FROM pg_class WHERE relname = 'sensor_reading_20260115'"))
                .containsExactly("FOR VALUES FROM ('2026-01-15 00:00:00+00') TO ('2026-01-16 00:00:00+00')");
        assertThatThrownBy(() -> strings("SELECT ensure_daily_partition('app_user', DATE '2026-01-15')"))
                .hasMessageContaining("app_user is not a daily-partitioned table");
    }

    @Test
    void theAuditTrailRefusesUpdateDeleteAndTruncate() throws SQLException {
        // the start-up users are in the trail already; a row written here by hand would break its chain
        String entries = strings("SELECT count(*) FROM audit_event").get(0);
        assertThat(Long.parseLong(entries)).isPositive();
        assertThatThrownBy(() -> execute("UPDATE audit_event SET actor = 'mallory'"))
                .hasMessageContaining("audit_event is append-only: UPDATE refused");
        assertThatThrownBy(() -> execute("DELETE FROM audit_event"))
                .hasMessageContaining("audit_event is append-only: DELETE refused");
        assertThatThrownBy(() -> execute("TRUNCATE audit_event"))
                .hasMessageContaining("audit_event is append-only: TRUNCATE refused");
        assertThat(strings("SELECT count(*) FROM audit_event")).containsExactly(entries);
    }

    @Test
    void constraintsRefuseWhatTheDomainForbids() {
        assertThatThrownBy(() -> execute("INSERT INTO site (id, name, time_zone) VALUES ('bad id', 'x', 'UTC')"))
                .hasMessageContaining("site_id_check");
        assertThatThrownBy(() -> execute("INSERT INTO part (id, description) VALUES ('P-1', 'x');"
                + " INSERT INTO work_order (id, part_id, line_id, planned_quantity, state)"
                + " VALUES ('WO-X', 'P-1', 'NO-LINE', 10, 'PLANNED')"))
                .hasMessageContaining("work_order_line_id_fkey");
        assertThatThrownBy(() -> execute("INSERT INTO app_user (username, password_hash, roles) VALUES ('u1', 'x', 'ROOT')"))
                .hasMessageContaining("app_user_roles_check");
    }

    @Test
    void passwordsAreStoredAsBcryptHashes() throws SQLException {
        assertThat(strings("SELECT password_hash FROM app_user WHERE username = 'operator'"))
                .singleElement().satisfies(h -> assertThat(h).startsWith("$2a$10$").doesNotContain("operator"));
    }
}
