package mes.ingest.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What binary COPY stores is what was written, read back through PostgreSQL's own text output. */
@QuarkusTest
class BinaryCopyTest {

    @Inject
    AgroalDataSource db;

    @Test
    void everyKindOfFieldArrivesAsWritten() throws SQLException {
        Instant[] times = {Instant.parse("2026-11-26T08:15:30.125Z"), Instant.parse("1999-12-31T23:59:59.999Z"),
                Instant.parse("2000-01-01T00:00:00Z"), Instant.parse("1970-01-01T00:00:00.001Z"), Instant.parse("2100-02-28T12:00:00Z")};
        double[] values = {50.123, -0.0001, 1e300, -273.15, 0};
        String[] texts = {"M-1", "Prüfstand Ø 3", "", "工作指示", null};
        Long[] counts = {0L, Long.MAX_VALUE, null, -1L, 42L};
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE copied (n int4, ts timestamptz, v float8, t text, c int8)");
            BinaryCopy rows = new BinaryCopy(16); // grows as it goes
            for (int i = 0; i < times.length; i++) {
                rows.row(5).int4(i - 2).timestamptz(times[i]).float8(values[i]).text(texts[i]).int8(counts[i]);
            }
            assertThat(rows.copyInto(c, "COPY copied (n, ts, v, t, c) FROM STDIN WITH (FORMAT binary)")).isEqualTo(times.length);

            List<String> expected = new ArrayList<>();
            List<String> stored = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT n, extract(epoch FROM ts) * 1000, v, t, c FROM copied ORDER BY n")) {
                for (int i = 0; rs.next(); i++) {
                    expected.add((i - 2) + "|" + times[i].toEpochMilli() + "|" + values[i] + "|" + texts[i] + "|" + counts[i]);
                    stored.add(rs.getInt(1) + "|" + rs.getBigDecimal(2).longValueExact() + "|" + rs.getDouble(3) + "|"
                            + rs.getString(4) + "|" + (rs.getObject(5) == null ? null : rs.getLong(5)));
                }
            }
            assertThat(stored).isEqualTo(expected);
            s.execute("DROP TABLE copied");
        }
    }

    @Test
    void aRowTheTableRefusesFailsTheCopyWithTheServersReason() throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE keyed (k text PRIMARY KEY)");
            BinaryCopy rows = new BinaryCopy(64);
            rows.row(1).text("a").row(1).text("b").row(1).text("a");
            assertThatThrownBy(() -> rows.copyInto(c, "COPY keyed (k) FROM STDIN WITH (FORMAT binary)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("duplicate key")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23505"));
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM keyed")) { // the connection is usable and nothing was kept
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
            s.execute("DROP TABLE keyed");
        }
    }
}
