package mes.benchmark;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The pages under load: wrk (Debian package wrk) with 50 connections on the plant overview and on
 * a machine's OEE page for the last 7 days, with a week of facts for 55 machines, logged in as an
 * operator. wrk runs on the same 2 cores as the application. Writes target/benchmark/pages.txt;
 * asserts nothing about time. Run: `./mvnw verify -Dgroups=benchmark -DexcludedGroups=none
 * -Dtest=PagesBenchmark -Dsurefire.failIfNoSpecifiedTests=false`.
 */
@QuarkusTest
@io.quarkus.test.junit.TestProfile(mes.support.ProductionSettings.class)
@Tag("benchmark")
class PagesBenchmark {

    static final File WRK = new File("/usr/bin/wrk");
    static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    static final Pattern P = Pattern.compile("^\\s+(50|90|99)%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
    static final Pattern ERRORS = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

    @Inject
    AgroalDataSource db;

    @Test
    void plantOverviewAndMachinePageWithFiftyConnections() throws Exception {
        assumeTrue(WRK.canExecute(), "needs wrk: apt-get install -y wrk");
        BenchmarkData plant = BenchmarkData.plant(55);
        Instant to = Instant.now().truncatedTo(ChronoUnit.HOURS);
        double load = plant.facts(db, to.minus(7, ChronoUnit.DAYS), to, 10);
        String cookie = given().redirects().follow(false).formParam("j_username", "operator").formParam("j_password", "operator")
                .post("/j_security_check").then().statusCode(302).extract().cookie("quarkus-credential");
        String base = "http://localhost:" + RestAssured.port;
        String machine = base + "/oee/machine/" + plant.machines.get(0) + "?period=week";
        given().cookie("quarkus-credential", cookie).get(machine).then().statusCode(200); // fills the week's rollups
        List<String> rows = new ArrayList<>();
        rows.add(String.format(Locale.ROOT, "%d machines, a week of facts every 10 s (written in %.0f s); wrk -t2 -c50 -d20s, 5 s warm-up",
                plant.machines.size(), load));
        rows.add("| page | 1 connection: p50 | 50 connections: requests/s | p50 | p90 | p99 | errors |");
        rows.add("|---|---|---|---|---|---|---|");
        for (String[] page : List.of(new String[] {"plant overview `/`", base + "/"},
                new String[] {"plant overview, live fragment `/plant/live`", base + "/plant/live"},
                new String[] {"machine OEE page, last 7 days", machine})) {
            wrk(page[1], cookie, 5);
            String single = single(page[1], cookie);
            String out = wrk(page[1], cookie, 20);
            rows.add(row(page[0] + " | " + single, out));
        }
        String report = String.join(System.lineSeparator(), rows) + System.lineSeparator();
        Files.createDirectories(Path.of("target/benchmark"));
        Files.writeString(Path.of("target/benchmark/pages.txt"), report);
        System.out.print(report);
    }

    /** The median with one connection (no load besides it), from wrk -c1. */
    static String single(String url, String cookie) throws Exception {
        Process p = new ProcessBuilder(WRK.getPath(), "-t1", "-c1", "-d5s", "--latency", "-H", "Cookie: quarkus-credential=" + cookie, url)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(35, TimeUnit.SECONDS);
        Matcher m = P.matcher(out);
        while (m.find()) {
            if ("50".equals(m.group(1))) {
                return String.format(Locale.ROOT, "%.1f ms", millis(m));
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
        String[] percentiles = new String[3];
        Matcher m = P.matcher(out);
        while (m.find()) {
            double ms = millis(m);
            int i = switch (m.group(1)) {
                case "50" -> 0;
                case "90" -> 1;
                default -> 2;
            };
            percentiles[i] = String.format(Locale.ROOT, "%.1f ms", ms);
        }
        Matcher errors = ERRORS.matcher(out);
        return String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |", name, rps.group(1), percentiles[0], percentiles[1],
                percentiles[2], errors.find() ? errors.group(1) : "0");
    }
}
