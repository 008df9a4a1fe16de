package mes.ingest.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mes.support.PackagedApp;
import org.junit.jupiter.api.Test;

/**
 * A rolling replace as the managed instance group makes it (docs/DEPLOYMENT.md, "Upgrades"):
 * the previous release ingests a known stream from the Pub/Sub stand-in into its database; two
 * instances of this release start side by side on the same database while it does (they migrate
 * it, one at a time: Flyway's lock), all three consume the one subscription; then the previous
 * release is stopped as the group stops it. The previous release keeps working on the migrated
 * schema, and the database holds every message of the stream exactly once.
 *
 * <p>The previous release is the commit before the one that added the newest migration, so the
 * newest migration is the one tried against the code that does not know it, and a migration the
 * previous release applied that was edited since fails this release's start (Flyway compares
 * checksums) ({@code -Dmes.upgrade.from=<commit>} names another). It is built here from git
 * (git archive, ./mvnw package) once per commit, into target/upgrade/.
 */
class RollingUpgradeIT {

    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

    @Test
    void thePreviousReleaseAndTwoNewInstancesOnOneDatabaseUnderAStreamLoseNothingAndDoubleNothing() throws Exception {
        assumeTrue(PackagedApp.packaged(), "package the application first (./mvnw verify does)");
        Path previous = previousRelease();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("timezone", "UTC").start()) {
            String jdbcUrl = PackagedApp.database(postgres);
            StandInBroker broker = new StandInBroker();
            Map<String, String> config = new HashMap<>(broker.start());
            config.put("mes.reports.enabled", "false");
            List<PackagedApp> apps = new ArrayList<>();
            try {
                PackagedApp old = new PackagedApp(previous, jdbcUrl, config);
                apps.add(old);
                old.start();
                int before = migrations(jdbcUrl);
                KnownStream known = new KnownStream(broker, jdbcUrl, () -> apps.stream().map(PackagedApp::log).toList());
                KnownStream.Stream stream = known.stream("UPG", 7);
                old.plant("UPG", stream.machines(), KnownStream.SENSORS);

                // the second half of the stream waits until the new instances are up, so that all three
                // consume it however slowly the new ones start on a loaded machine
                java.util.concurrent.CountDownLatch newOnesUp = new java.util.concurrent.CountDownLatch(1);
                KnownStream.Publishing publishing = known.publish(stream, newOnesUp);
                Thread.sleep(3_000);
                PackagedApp a = new PackagedApp(jdbcUrl, config);
                PackagedApp b = new PackagedApp(jdbcUrl, config);
                apps.add(a);
                apps.add(b);
                CompletableFuture<?> startA = CompletableFuture.runAsync(() -> start(a));
                CompletableFuture<?> startB = CompletableFuture.runAsync(() -> start(b));
                CompletableFuture.allOf(startA, startB).join();
                int after = migrations(jdbcUrl);
                System.out.printf("previous release %s: %d migrations; this release: %d; two instances started side by side%n",
                        previous, before, after);

                newOnesUp.countDown();
                Thread.sleep(3_000);
                String machine = stream.machines().get(0);
                for (PackagedApp app : apps) {
                    assertThat(app.status("/q/health/ready")).as("%s ready on the migrated schema", app.log()).isEqualTo(200);
                    assertThat(app.send("GET", "/api/v1/machines/" + machine, null)).contains(machine);
                }
                double oldAccepted = accepted(old);
                old.close(); // as the group stops it: SIGTERM
                publishing.join();
                known.drained(stream);
                known.assertStoredExactlyOnce(stream);

                assertThat(oldAccepted).as("the previous release ingested beside the new ones (else the overlap proved nothing)")
                        .isPositive();
                assertThat(accepted(a) + accepted(b)).as("the new instances ingested").isPositive();
                assertThat(after).as("the newest migration is new to the previous release").isGreaterThan(before);
                assertThat(failedOrTwice(jdbcUrl)).as("each migration applied once and successfully").isEmpty();
            } finally {
                for (PackagedApp app : apps) {
                    app.close();
                }
                broker.stop();
            }
        }
    }

    private static void start(PackagedApp app) {
        try {
            app.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Messages the instance stored since its start (its own counter). */
    private static double accepted(PackagedApp app) throws Exception {
        Matcher m = Pattern.compile("^mes_ingest_messages_total\\{[^}]*outcome=\"accepted\"[^}]*} ([0-9.E+]+)", Pattern.MULTILINE)
                .matcher(app.metrics());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static int migrations(String jdbcUrl) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "mes", "mes"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE version IS NOT NULL")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static List<String> failedOrTwice(String jdbcUrl) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "mes", "mes"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT version, count(*), bool_and(success) FROM flyway_schema_history"
                        + " WHERE version IS NOT NULL GROUP BY version HAVING count(*) > 1 OR NOT bool_and(success)")) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1) + " ×" + rs.getInt(2) + (rs.getBoolean(3) ? "" : " failed"));
            }
            return out;
        }
    }

    /** The previous release's quarkus-run.jar, built from git into target/upgrade/COMMIT once. */
    static Path previousRelease() throws IOException, InterruptedException {
        String from = System.getProperty("mes.upgrade.from");
        if (from == null) {
            from = git("log", "-1", "--diff-filter=A", "--format=%H", "--", MIGRATIONS.toString()) + "^";
        }
        String commit = git("rev-parse", "--verify", from + "^{commit}");
        Path dir = Path.of("target/upgrade", commit.substring(0, 12)).toAbsolutePath();
        Path jar = dir.resolve("target/quarkus-app/quarkus-run.jar");
        if (Files.exists(jar)) {
            return jar;
        }
        Files.createDirectories(dir);
        run(dir, List.of("bash", "-c", "git -C \"$0\" archive --format=tar " + commit + " | tar -x -C \"$1\"",
                Path.of("").toAbsolutePath().toString(), dir.toString()));
        run(dir, List.of("./mvnw", "-B", "-q", "package", "-DskipTests", "-DskipITs"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException("the previous release (" + commit + ") built no " + jar);
        }
        return jar;
    }

    private static String git(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        return run(Path.of(""), command).strip();
    }

    private static String run(Path dir, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toAbsolutePath().toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (the previous release comes from git history:"
                    + " a shallow clone has none; git fetch --unshallow):\n" + out);
        }
        return out;
    }
}
