package mes.benchmark;

import static mes.support.Api.as;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mes.support.Api;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Measures GET /api/v1/oee for a whole site of 55 machines over 7 days, on a week of facts
 * written straight into the tables (a message per machine every {@value #SPACING_SECONDS} s,
 * a state change about once a minute). Not part of `./mvnw verify`: run it with
 * `./mvnw verify -Dgroups=benchmark -DexcludedGroups=none -Dtest=OeeQueryBenchmark`. Writes its
 * numbers to target/benchmark/oee-query.txt; it asserts nothing about time.
 */
@QuarkusTest
@Tag("benchmark")
class OeeQueryBenchmark {

    static final int MACHINES = 55;
    static final int SPACING_SECONDS = 10;

    @Inject
    AgroalDataSource db;

    @Test
    void siteOeeOverSevenDays() throws Exception {
        String site = Api.id("BENCH");
        String area = Api.id("A");
        String line = Api.id("L");
        as("admin").body(Map.of("name", "Bench", "timeZone", "Europe/Berlin")).put("/api/v1/sites/" + site).then().statusCode(201);
        as("admin").body(Map.of("name", "A", "siteId", site)).put("/api/v1/areas/" + area).then().statusCode(201);
        as("admin").body(Map.of("name", "L", "areaId", area)).put("/api/v1/lines/" + line).then().statusCode(201);
        as("admin").body("""
                {"shifts": [
                  {"name": "early", "days": ["MON","TUE","WED","THU","FRI"], "start": "06:00", "end": "14:00", "breaks": [{"start": "09:30", "end": "10:00"}]},
                  {"name": "late", "days": ["MON","TUE","WED","THU","FRI"], "start": "14:00", "end": "22:00", "breaks": [{"start": "18:00", "end": "18:30"}]},
                  {"name": "night", "days": ["MON","TUE","WED","THU","FRI"], "start": "22:00", "end": "06:00", "breaks": [{"start": "02:00", "end": "02:30"}]}]}
                """).put("/api/v1/sites/" + site + "/calendar").then().statusCode(200);
        List<String> machines = new ArrayList<>();
        for (int i = 0; i < MACHINES; i++) {
            String m = line + "-M" + i;
            as("admin").body(Map.of("name", m, "lineId", line, "idealCycleTimeSeconds", 20)).put("/api/v1/machines/" + m)
                    .then().statusCode(201);
            machines.add(m);
        }
        Instant to = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant from = to.minus(7, ChronoUnit.DAYS);
        long load = System.nanoTime();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (String m : machines) {
                String series = "generate_series(0, " + (7 * 86_400 / SPACING_SECONDS - 1) + ") g";
                s.execute("INSERT INTO machine_state_event (machine_id, ts, state, reason) SELECT '" + m + "', TIMESTAMPTZ '" + from
                        + "' + g * interval '" + SPACING_SECONDS + " seconds', (ARRAY['RUNNING','RUNNING','RUNNING','RUNNING','IDLE','DOWN','SETUP'])"
                        + "[1 + (g * " + SPACING_SECONDS + " / 60 + abs(hashtext('" + m + "'))) % 7], NULL FROM " + series);
                s.execute("INSERT INTO counter_sample (machine_id, ts, good, scrap) SELECT '" + m + "', TIMESTAMPTZ '" + from
                        + "' + g * interval '" + SPACING_SECONDS + " seconds', g / 2, g / 100 FROM " + series);
                s.execute("INSERT INTO machine_coverage (machine_id, online) VALUES ('" + m + "', tstzmultirange(tstzrange('"
                        + from + "', '" + to.plusSeconds(60) + "')))");
            }
            s.execute("ANALYZE machine_state_event");
            s.execute("ANALYZE counter_sample");
        }
        double loadSeconds = (System.nanoTime() - load) / 1e9;
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            long start = System.nanoTime();
            as("auditor").queryParam("scope", "site").queryParam("id", site).queryParam("from", from.toString())
                    .queryParam("to", to.toString()).get("/api/v1/oee").then().statusCode(200);
            millis.add((System.nanoTime() - start) / 1e6);
        }
        List<Double> measured = new ArrayList<>(millis.subList(2, millis.size())); // two warm-up requests
        measured.sort(Double::compare);
        String report = String.format(Locale.ROOT,
                "site OEE over 7 days: %d machines, a message every %d s (%d state events and %d counter samples per machine)%n"
                        + "facts written in %.1f s; %d measured requests after 2 warm-up: min %.0f ms, p50 %.0f ms, p95 %.0f ms, max %.0f ms%n",
                MACHINES, SPACING_SECONDS, 7 * 86_400 / SPACING_SECONDS, 7 * 86_400 / SPACING_SECONDS, loadSeconds, measured.size(),
                measured.get(0), measured.get(measured.size() / 2), measured.get((int) Math.ceil(measured.size() * 0.95) - 1),
                measured.get(measured.size() - 1));
        Files.createDirectories(Path.of("target/benchmark"));
        Files.writeString(Path.of("target/benchmark/oee-query.txt"), report);
        System.out.print(report);
    }
}
