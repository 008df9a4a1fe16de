package mes.ingest.archive;

import static mes.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import mes.support.Api;
import org.junit.jupiter.api.Test;

/** Raw readings older than the retention are archived, confirmed, and only then dropped. */
@QuarkusTest
class RetentionTest {

    static final Path ARCHIVE = Path.of("target/test-archive/raw");

    @Inject
    RetentionService retention;

    @Inject
    AgroalDataSource db;

    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    private void execute(String sql) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private List<String> strings(String sql) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    /** Old data written straight into old partitions (ingestion refuses messages that old). */
    private int oldReadings(String machine, LocalDate day, int rows) throws Exception {
        int sensor = Integer.parseInt(strings("SELECT id FROM machine_sensor WHERE machine_id = '" + machine + "'").get(0));
        for (String table : List.of("sensor_reading", "sensor_reading_downsampled", "ingested_message")) {
            execute("SELECT ensure_daily_partition('" + table + "', DATE '" + day + "')");
        }
        execute("INSERT INTO sensor_reading (sensor_id, ts, value) SELECT " + sensor + ", TIMESTAMPTZ '" + day
                + " 00:00:00+00' + g * interval '1 second', g / 10.0 FROM generate_series(1, " + rows + ") g");
        execute("INSERT INTO sensor_reading_downsampled (sensor_id, second, min_value, max_value, sum_value, count) VALUES ("
                + sensor + ", TIMESTAMPTZ '" + day + " 01:00:00+00', 1, 3, 6, 3)");
        execute("INSERT INTO ingested_message (machine_id, ts) VALUES ('" + machine + "', TIMESTAMPTZ '" + day + " 00:00:01+00')");
        return sensor;
    }

    private boolean partitionExists(String name) throws Exception {
        return !strings("SELECT relname FROM pg_class WHERE relname = '" + name + "'").isEmpty();
    }

    private static String compact(LocalDate day) {
        return day.toString().replace("-", "");
    }

    @Test
    void oldPartitionsAreExportedWithAManifestThenDroppedAndRecentOnesStay() throws Exception {
        String machine = Api.machine();
        LocalDate day = today.minusDays(40);
        oldReadings(machine, day, 500);
        as("gateway").body("{\"machineId\":\"" + machine + "\",\"ts\":\"" + Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.MILLIS)
                + "\",\"values\":{\"spindle_temp_c\":61.5}}").post("/api/v1/readings").then().statusCode(200);

        RetentionService.Outcome outcome = retention.run(Instant.now());

        assertThat(outcome.ran()).isTrue();
        assertThat(outcome.failed()).isEmpty();
        assertThat(outcome.exported()).contains("sensor_reading_" + compact(day), "sensor_reading_downsampled_" + compact(day));
        assertThat(outcome.dropped()).contains("sensor_reading_" + compact(day), "ingested_message_" + compact(day));
        assertThat(partitionExists("sensor_reading_" + compact(day))).isFalse();
        assertThat(partitionExists("ingested_message_" + compact(day))).isFalse();
        assertThat(partitionExists("sensor_reading_" + compact(today))).as("today's readings stay").isTrue();

        Path data = ARCHIVE.resolve(RetentionService.objectName("sensor_reading", day));
        JsonNode manifest = new ObjectMapper().readTree(Files.readString(Path.of(data + ".manifest.json")));
        assertThat(manifest.get("rows").asLong()).isEqualTo(500);
        assertThat(manifest.get("sha256").asText()).isEqualTo(LocalFolderArchive.sha256(data));
        List<String> lines;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(data))) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        assertThat(lines).hasSize(501);
        assertThat(lines.get(0)).isEqualTo("machine_id,sensor,ts,value");
        assertThat(lines.get(1)).startsWith(machine + ",spindle_temp_c," + day + " 00:00:01");
        assertThat(strings("SELECT state || ' ' || row_count || ' ' || sha256 FROM archive_export"
                + " WHERE table_name = 'sensor_reading' AND day = DATE '" + day + "'"))
                .containsExactly("DROPPED 500 " + manifest.get("sha256").asText());
    }

    @Test
    void aRunAfterACrashBeforeTheDropDropsWithoutExportingAgain() throws Exception {
        String machine = Api.machine();
        LocalDate day = today.minusDays(50);
        oldReadings(machine, day, 100);
        assertThat(retention.run(Instant.now()).exported()).contains("sensor_reading_" + compact(day));
        // the same partition back, as if the drop had not happened before a crash
        oldReadings(machine, day, 100);
        RetentionService.Outcome again = retention.run(Instant.now());
        assertThat(again.exported()).doesNotContain("sensor_reading_" + compact(day));
        assertThat(again.dropped()).contains("sensor_reading_" + compact(day));
        assertThat(partitionExists("sensor_reading_" + compact(day))).isFalse();
    }

    @Test
    void anArchiveThatCannotBeWrittenDropsNothing() throws Exception {
        String machine = Api.machine();
        LocalDate day = today.minusDays(60);
        oldReadings(machine, day, 50);
        Path blocker = ARCHIVE.resolve("sensor_reading/" + day.getYear());
        Files.createDirectories(blocker.getParent());
        deleteRecursively(blocker);
        Files.writeString(blocker, "a file where the archive needs a folder");
        try {
            RetentionService.Outcome outcome = retention.run(Instant.now());
            assertThat(outcome.failed()).contains("sensor_reading_" + compact(day));
            assertThat(partitionExists("sensor_reading_" + compact(day))).isTrue();
            assertThat(strings("SELECT count(*) FROM sensor_reading_" + compact(day))).containsExactly("50");
        } finally {
            Files.delete(blocker);
        }
        assertThat(retention.run(Instant.now()).dropped()).contains("sensor_reading_" + compact(day));
    }

    @Test
    void onlyOneInstanceRunsAtATime() throws Exception {
        try (Connection other = db.getConnection(); PreparedStatement ps = other.prepareStatement("SELECT pg_advisory_lock(?)")) {
            ps.setLong(1, 0x4d45535245544eL);
            ps.execute();
            try {
                assertThat(retention.run(Instant.now()).ran()).isFalse();
            } finally {
                try (PreparedStatement unlock = other.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    unlock.setLong(1, 0x4d45535245544eL);
                    unlock.execute();
                }
            }
        }
        assertThat(retention.run(Instant.now()).ran()).isTrue();
    }

    private static void deleteRecursively(Path p) throws Exception {
        if (!Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
        }
    }
}
