package mes.benchmark;

import static mes.support.Api.as;

import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import mes.support.Api;

/**
 * Facts for the benchmarks, written straight into the tables: a site with the demo plant's three
 * shifts, one line of N machines, and for each machine a message every {@code spacing} seconds
 * (a state change about once a minute, counters growing).
 */
final class BenchmarkData {

    final String site;
    final String line;
    final List<String> machines = new ArrayList<>();

    private BenchmarkData(String site, String line) {
        this.site = site;
        this.line = line;
    }

    static BenchmarkData plant(int machineCount) {
        return plant(machineCount, () -> as("admin"));
    }

    /** The same, registered through the requests of an administrator (here, of another application than the test's). */
    static BenchmarkData plant(int machineCount, Supplier<RequestSpecification> admin) {
        String site = Api.id("BENCH");
        String area = Api.id("A");
        String line = Api.id("L");
        admin.get().body(Map.of("name", "Bench", "timeZone", "Europe/Berlin")).put("/api/v1/sites/" + site).then().statusCode(201);
        admin.get().body(Map.of("name", "A", "siteId", site)).put("/api/v1/areas/" + area).then().statusCode(201);
        admin.get().body(Map.of("name", "L", "areaId", area)).put("/api/v1/lines/" + line).then().statusCode(201);
        admin.get().body("""
                {"shifts": [
                  {"name": "early", "days": ["MON","TUE","WED","THU","FRI"], "start": "06:00", "end": "14:00", "breaks": [{"start": "09:30", "end": "10:00"}]},
                  {"name": "late", "days": ["MON","TUE","WED","THU","FRI"], "start": "14:00", "end": "22:00", "breaks": [{"start": "18:00", "end": "18:30"}]},
                  {"name": "night", "days": ["MON","TUE","WED","THU","FRI"], "start": "22:00", "end": "06:00", "breaks": [{"start": "02:00", "end": "02:30"}]}]}
                """).put("/api/v1/sites/" + site + "/calendar").then().statusCode(200);
        BenchmarkData data = new BenchmarkData(site, line);
        for (int i = 0; i < machineCount; i++) {
            String m = line + "-M" + i;
            admin.get().body(Map.of("name", m, "lineId", line, "idealCycleTimeSeconds", 20)).put("/api/v1/machines/" + m)
                    .then().statusCode(201);
            data.machines.add(m);
        }
        return data;
    }

    /** Writes the facts of [from, to) for every machine; answers the seconds it took. */
    double facts(DataSource db, Instant from, Instant to, int spacing) throws SQLException {
        long start = System.nanoTime();
        long messages = (to.getEpochSecond() - from.getEpochSecond()) / spacing;
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (String m : machines) {
                String series = "generate_series(0, " + (messages - 1) + ") g";
                s.execute("INSERT INTO machine_state_event (machine_id, ts, state, reason) SELECT '" + m + "', TIMESTAMPTZ '" + from
                        + "' + g * interval '" + spacing + " seconds', (ARRAY['RUNNING','RUNNING','RUNNING','RUNNING','IDLE','DOWN','SETUP'])"
                        + "[1 + (g * " + spacing + " / 60 + abs(hashtext('" + m + "'))) % 7], NULL FROM " + series);
                s.execute("INSERT INTO counter_sample (machine_id, ts, good, scrap) SELECT '" + m + "', TIMESTAMPTZ '" + from
                        + "' + g * interval '" + spacing + " seconds', g / 2, g / 100 FROM " + series);
                s.execute("INSERT INTO machine_coverage (machine_id, online) VALUES ('" + m + "', tstzmultirange(tstzrange('"
                        + from + "', '" + to.plusSeconds(60) + "')))");
            }
            s.execute("ANALYZE machine_state_event");
            s.execute("ANALYZE counter_sample");
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
