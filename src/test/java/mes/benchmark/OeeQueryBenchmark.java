package mes.benchmark;

import static io.restassured.RestAssured.given;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import mes.oee.OeeService;
import mes.oee.domain.Interval;
import mes.support.BenchmarkTargets;
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

    @Inject
    OeeService oee;

    @Inject
    mes.maintenance.MaintenanceService maintenance;

    static void request(RequestSpecification spec, String site, Instant from, Instant to) {
        spec.accept("application/json").queryParam("scope", "site").queryParam("id", site).queryParam("from", from.toString())
                .queryParam("to", to.toString()).get("/api/v1/oee").then().statusCode(200);
    }

    /** 2 warm-up requests, then 20 measured: min, p50, p95, max. */
    static String measure(Runnable request) {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < 22; i++) {
            long start = System.nanoTime();
            request.run();
            millis.add((System.nanoTime() - start) / 1e6);
        }
        List<Double> measured = new ArrayList<>(millis.subList(2, millis.size()));
        measured.sort(Double::compare);
        return String.format(Locale.ROOT, "%d requests: min %.0f ms, p50 %.0f ms, p95 %.0f ms, max %.0f ms", measured.size(),
                measured.get(0), measured.get(measured.size() / 2), measured.get((int) Math.ceil(measured.size() * 0.95) - 1),
                measured.get(measured.size() - 1));
    }

    @Test
    void siteOeeOverSevenDays() throws Exception {
        BenchmarkData plant = BenchmarkData.plant(MACHINES);
        String site = plant.site;
        Instant to = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant from = to.minus(7, ChronoUnit.DAYS);
        double loadSeconds = plant.facts(db, from, to, SPACING_SECONDS);
        long cold = System.nanoTime();
        request(given().auth().preemptive().basic("auditor", "auditor"), site, from, to); // fills the week's rollups
        double coldMillis = (System.nanoTime() - cold) / 1e6;
        Interval week = new Interval(from, to);
        String inProcess = measure(() -> oee.figures(OeeService.Scope.site, site, week));
        String withBasic = measure(() -> request(given().auth().preemptive().basic("auditor", "auditor"), site, from, to));
        String report = String.format(Locale.ROOT,
                "site OEE over 7 days: %d machines, a message every %d s (%d state events and %d counter samples per machine)%n"
                        + "facts written in %.1f s; first request (fills the rollups) %.0f ms%n"
                        + "the query in process (OeeService, as the pages call it): %s%n"
                        + "GET /api/v1/oee with HTTP Basic (verified credentials cached, as in production): %s%n",
                MACHINES, SPACING_SECONDS, 7 * 86_400 / SPACING_SECONDS, 7 * 86_400 / SPACING_SECONDS, loadSeconds, coldMillis,
                inProcess, withBasic);
        Files.createDirectories(Path.of("target/benchmark"));
        Files.writeString(Path.of("target/benchmark/oee-query.txt"), report);
        System.out.print(report);
        double p95 = BenchmarkTargets.number(withBasic, "p95");
        BenchmarkTargets.record("site OEE over 7 days, GET /api/v1/oee: p95 below 200 ms",
                String.format(Locale.ROOT, "%.0f ms (in process %.0f ms)", p95, BenchmarkTargets.number(inProcess, "p95")), p95 < 200);
    }

    /** The same over 30 days, on a month of facts (the monthly figures of a compliance report). */
    @Test
    void siteOeeOverThirtyDays() throws Exception {
        BenchmarkData plant = BenchmarkData.plant(MACHINES);
        Instant to = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant from = to.minus(30, ChronoUnit.DAYS);
        double loadSeconds = plant.facts(db, from, to, SPACING_SECONDS);
        long cold = System.nanoTime();
        request(given().auth().preemptive().basic("auditor", "auditor"), plant.site, from, to);
        double coldMillis = (System.nanoTime() - cold) / 1e6;
        Interval month = new Interval(from, to);
        String inProcess = measure(() -> oee.figures(OeeService.Scope.site, plant.site, month));
        String withBasic = measure(() -> request(given().auth().preemptive().basic("auditor", "auditor"), plant.site, from, to));
        String report = String.format(Locale.ROOT,
                "site OEE over 30 days: %d machines, a message every %d s (%d state events and %d counter samples per machine)%n"
                        + "facts written in %.1f s; first request (fills the rollups) %.0f ms%n"
                        + "the query in process: %s%nGET /api/v1/oee with HTTP Basic: %s%n",
                MACHINES, SPACING_SECONDS, 30 * 86_400 / SPACING_SECONDS, 30 * 86_400 / SPACING_SECONDS, loadSeconds, coldMillis,
                inProcess, withBasic);
        Files.createDirectories(Path.of("target/benchmark"));
        Files.writeString(Path.of("target/benchmark/oee-query-30d.txt"), report);
        System.out.print(report);
        double p95 = BenchmarkTargets.number(withBasic, "p95");
        BenchmarkTargets.record("site OEE over 30 days, GET /api/v1/oee (no target; the 7-day one is 200 ms)",
                String.format(Locale.ROOT, "p95 %.0f ms", p95), true);
    }

    /**
     * Maintenance figures (contracts/maintenance.md) of the site over 7 days beside its OEE over the
     * same window in the same run: MTBF and MTTR read every machine's timeline, OEE its rollups.
     */
    @Test
    void siteMaintenanceFiguresOverSevenDays() throws Exception {
        BenchmarkData plant = BenchmarkData.plant(MACHINES);
        Instant to = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant from = to.minus(7, ChronoUnit.DAYS);
        double loadSeconds = plant.facts(db, from, to, SPACING_SECONDS);
        request(given().auth().preemptive().basic("auditor", "auditor"), plant.site, from, to); // fills the week's rollups
        Interval week = new Interval(from, to);
        String oeeInProcess = measure(() -> oee.figures(OeeService.Scope.site, plant.site, week));
        String inProcess = measure(() -> maintenance.kpis(OeeService.Scope.site, plant.site, week));
        String withBasic = measure(() -> given().auth().preemptive().basic("auditor", "auditor").accept("application/json")
                .queryParam("scope", "site").queryParam("id", plant.site).queryParam("from", from.toString())
                .queryParam("to", to.toString()).get("/api/v1/maintenance/kpis").then().statusCode(200));
        String report = String.format(Locale.ROOT,
                "site maintenance figures over 7 days: %d machines, a message every %d s, facts written in %.1f s%n"
                        + "OEE in process (rollups filled), same run: %s%n"
                        + "MaintenanceService.kpis in process: %s%nGET /api/v1/maintenance/kpis with HTTP Basic: %s%n",
                MACHINES, SPACING_SECONDS, loadSeconds, oeeInProcess, inProcess, withBasic);
        Files.createDirectories(Path.of("target/benchmark"));
        Files.writeString(Path.of("target/benchmark/maintenance-kpis.txt"), report);
        System.out.print(report);
        double p95 = BenchmarkTargets.number(withBasic, "p95");
        BenchmarkTargets.record("site MTBF/MTTR over 7 days, GET /api/v1/maintenance/kpis (no target yet; OEE's is 200 ms)",
                String.format(Locale.ROOT, "p95 %.0f ms", p95), true);
    }
}
