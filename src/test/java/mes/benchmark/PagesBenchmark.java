package mes.benchmark;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.restassured.http.ContentType;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mes.support.BenchmarkTargets;
import mes.support.PackagedApp;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The pages under load: wrk (Debian package wrk) with 50 connections on the plant overview, its
 * live fragment and a machine's OEE page for the last 7 days, with a week of facts for 55
 * machines, logged in as an operator. The application is the packaged one in the prod profile
 * (`java -jar target/quarkus-app/quarkus-run.jar`, as PackagedAppBenchmark starts it), alone in
 * its JVM, against a PostgreSQL of its own; package first (bench/run does). It is measured once per
 * set of JVM options ({@link #JVM_OPTIONS}, or the one given as -Dpages.jvm="..."), and the
 * collector's pauses during each wrk run are read from its own metrics. wrk runs on the same 2
 * cores. Writes target/benchmark/pages.txt; asserts nothing about time.
 */
@Tag("benchmark")
class PagesBenchmark {

    static final File WRK = new File("/usr/bin/wrk");
    static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    static final Pattern P = Pattern.compile("^\\s+(50|90|99)%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
    static final Pattern ERRORS = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    static final Pattern GC = Pattern.compile("^jvm_gc_pause_seconds_(count|sum|max)\\{[^}]*} ([0-9.E+-]+)", Pattern.MULTILINE);

    /** The JVM option sets compared: what the JVM Dockerfile runs (none), and the heap and collector choices around it. */
    static final Map<String, List<String>> JVM_OPTIONS = new LinkedHashMap<>();

    static {
        JVM_OPTIONS.put("JVM defaults (G1, heap up to 1/4 of RAM)", List.of());
        JVM_OPTIONS.put("-Xmx512m", List.of("-Xmx512m"));
        JVM_OPTIONS.put("-Xmx512m -XX:MaxGCPauseMillis=20", List.of("-Xmx512m", "-XX:MaxGCPauseMillis=20"));
        JVM_OPTIONS.put("-XX:+UseSerialGC -Xmx512m (the native binary's kind of collector)", List.of("-XX:+UseSerialGC", "-Xmx512m"));
    }

    @Test
    void plantOverviewAndMachinePageWithFiftyConnections() throws Exception {
        assumeTrue(WRK.canExecute(), "needs wrk: apt-get install -y wrk");
        assumeTrue(PackagedApp.packaged(), "package the application first: ./mvnw package -DskipTests");
        Map<String, List<String>> variants = JVM_OPTIONS;
        String chosen = System.getProperty("pages.jvm");
        if (chosen != null) {
            variants = Map.of(chosen.isBlank() ? "JVM defaults" : chosen, chosen.isBlank() ? List.of() : Arrays.asList(chosen.trim().split("\\s+")));
        }
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off").setServerConfig("timezone", "UTC").start()) {
            String jdbcUrl = PackagedApp.database(pg);
            try (PackagedApp app = new PackagedApp(jdbcUrl, Map.of())) {
                app.start(); // migrates the empty database
                BenchmarkData plant = BenchmarkData.plant(55, () -> given().baseUri(app.base()).auth().preemptive()
                        .basic("admin", PackagedApp.ADMIN_PASSWORD).contentType(ContentType.JSON).accept(ContentType.JSON));
                Instant to = Instant.now().truncatedTo(ChronoUnit.HOURS);
                double load = plant.facts(pg.getDatabase("mes", "mes"), to.minus(7, ChronoUnit.DAYS), to, 10);
                try (Connection c = pg.getDatabase("mes", "mes").getConnection();
                        PreparedStatement s = c.prepareStatement("INSERT INTO app_user (username, password_hash, roles) VALUES ('operator', ?, 'OPERATOR')");
                        Statement vacuum = c.createStatement()) {
                    s.setString(1, BcryptUtil.bcryptHash("operator"));
                    s.executeUpdate();
                    vacuum.execute("VACUUM ANALYZE");
                }
                String machine = "/oee/machine/" + plant.machines.get(0) + "?period=week";
                List<String> rows = new ArrayList<>();
                rows.add(String.format(Locale.ROOT, "packaged application (prod profile), %s; %d machines, a week of facts every 10 s "
                        + "(written in %.0f s); wrk -t2 -c50 -d20s after a 5 s warm-up; GC: the collector's pauses during the 20 s",
                        Runtime.version(), plant.machines.size(), load));
                rows.add("| JVM options | page | 1 connection: p50 | 50 connections: requests/s | p50 | p90 | p99 | errors | GC pauses: count, total, longest |");
                rows.add("|---|---|---|---|---|---|---|---|---|");
                for (Map.Entry<String, List<String>> variant : variants.entrySet()) {
                    app.close();
                    app.jvmOptions(variant.getValue()).start();
                    String cookie = given().baseUri(app.base()).redirects().follow(false).formParam("j_username", "operator")
                            .formParam("j_password", "operator").post("/j_security_check").then().statusCode(302)
                            .extract().cookie("quarkus-credential");
                    given().baseUri(app.base()).cookie("quarkus-credential", cookie).get(machine).then().statusCode(200); // fills the week's rollups
                    for (String[] page : List.of(new String[] {"plant overview `/`", "/"},
                            new String[] {"live fragment `/plant/live`", "/plant/live"},
                            new String[] {"machine OEE page, last 7 days", machine})) {
                        String url = app.base() + page[1];
                        wrk(url, cookie, 5);
                        String single = single(url, cookie);
                        double[] before = gc(app.metrics());
                        String out = wrk(url, cookie, 20);
                        double[] after = gc(app.metrics());
                        rows.add(row(variant.getKey() + " | " + page[0] + " | " + single, out) + String.format(Locale.ROOT,
                                " %.0f, %.0f ms, %.0f ms |", after[0] - before[0], (after[1] - before[1]) * 1000, after[2] * 1000));
                        double p99 = percentile(out, "99");
                        BenchmarkTargets.record("page p99 below 100 ms at 50 connections: " + page[0] + ", " + variant.getKey(),
                                String.format(Locale.ROOT, "%.0f ms", p99), p99 < 100);
                    }
                }
                String report = String.join(System.lineSeparator(), rows) + System.lineSeparator();
                Files.createDirectories(Path.of("target/benchmark"));
                Files.writeString(Path.of("target/benchmark/pages.txt"), report);
                System.out.print(report);
            }
        }
    }

    /** The collector's pauses so far from the metrics: count, total seconds, and the longest in the last minute or so. */
    static double[] gc(String metrics) {
        double[] totals = new double[3];
        Matcher m = GC.matcher(metrics);
        while (m.find()) {
            double v = Double.parseDouble(m.group(2));
            switch (m.group(1)) {
                case "count" -> totals[0] += v;
                case "sum" -> totals[1] += v;
                default -> totals[2] = Math.max(totals[2], v);
            }
        }
        return totals;
    }

    /** The median with one connection (no load besides it), from wrk -c1. */
    static String single(String url, String cookie) throws Exception {
        Process p = new ProcessBuilder(WRK.getPath(), "-t1", "-c1", "-d5s", "--latency", "-H", "Cookie: quarkus-credential=" + cookie, url)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(35, TimeUnit.SECONDS);
        return String.format(Locale.ROOT, "%.1f ms", percentile(out, "50"));
    }

    /** One of wrk's latency percentiles (50, 90 or 99), ms. */
    static double percentile(String out, String which) {
        Matcher m = P.matcher(out);
        while (m.find()) {
            if (which.equals(m.group(1))) {
                return millis(m);
            }
        }
        throw new AssertionError("wrk said: " + out);
    }

    private static double millis(Matcher m) {
        double v = Double.parseDouble(m.group(2));
        return switch (m.group(3)) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
        };
    }

    static String wrk(String url, String cookie, int seconds) throws Exception {
        Process p = new ProcessBuilder(WRK.getPath(), "-t2", "-c50", "-d" + seconds + "s", "--latency", "-H",
                "Cookie: quarkus-credential=" + cookie, url).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(seconds + 30L, TimeUnit.SECONDS);
        return out;
    }

    static String row(String name, String out) {
        Matcher rps = RPS.matcher(out);
        if (!rps.find()) {
            throw new AssertionError("wrk said: " + out);
        }
        Matcher errors = ERRORS.matcher(out);
        return String.format(Locale.ROOT, "| %s | %s | %.1f ms | %.1f ms | %.1f ms | %s |", name, rps.group(1), percentile(out, "50"),
                percentile(out, "90"), percentile(out, "99"), errors.find() ? errors.group(1) : "0");
    }
}
