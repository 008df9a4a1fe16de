package mes.ingest.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import mes.support.EmbeddedPostgresControl;
import mes.support.PackagedApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Faults under a known stream, against the packaged application (java -jar
 * target/quarkus-app/quarkus-run.jar in the prod profile, as the VM runs it) consuming the
 * Pub/Sub stand-in with the real client library, and its own PostgreSQL. Each test publishes a
 * stream whose every fact the test knows, hurts the application while it flows, waits until the
 * subscription is drained, and then compares what is stored, row by row, with what was
 * published: every reading, state event and counter sample once, each machine's last state, and
 * each rejected message in quarantine once.
 *
 * <p>Runs in {@code ./mvnw verify} after the package phase (failsafe). The random points are
 * printed with their seed; {@code -Dcrash.seed=N} replays them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashRecoveryIT {

    static final String[] SENSORS = KnownStream.SENSORS;

    private EmbeddedPostgres postgres;
    private String jdbcUrl;
    private StandInBroker broker;
    private PackagedApp app;
    private KnownStream known;

    @BeforeAll
    void start() throws Exception {
        assumeTrue(PackagedApp.packaged(), "package the application first (./mvnw verify does)");
        postgres = EmbeddedPostgres.builder().setServerConfig("timezone", "UTC").start();
        jdbcUrl = PackagedApp.database(postgres);
        broker = new StandInBroker();
        Map<String, String> config = new HashMap<>(broker.start());
        config.put("mes.reports.enabled", "false");
        app = new PackagedApp(jdbcUrl, config);
        System.out.printf("packaged application ready in %d ms; log %s%n", app.start().toMillis(), app.log());
        known = new KnownStream(broker, jdbcUrl, app::log);
    }

    @BeforeEach
    void running() throws Exception {
        if (!app.alive()) {
            app.start();
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (broker != null) {
            broker.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void killedAtRandomPointsWhileTheStreamFlowsEveryMessageTakesEffectExactlyOnce() throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        Random random = new Random(seed);
        KnownStream.Stream stream = known.stream("KILL", random.nextLong());
        app.plant("KILL", stream.machines(), SENSORS);
        long redeliveriesBefore = broker.redeliveries();

        KnownStream.Publishing publishing = known.publish(stream);
        List<String> points = new ArrayList<>();
        for (int kill = 0; kill < 3; kill++) {
            Thread.sleep(1_000 + random.nextInt(4_000));
            points.add(String.format("%.1f s", publishing.seconds()));
            app.kill();
            app.start();
        }
        System.out.printf("kill -9 at %s after the first publish (seed %d)%n", points, seed);
        publishing.join();

        known.drained(stream);
        known.assertStoredExactlyOnce(stream);
        long redelivered = broker.redeliveries() - redeliveriesBefore;
        java.util.regex.Matcher duplicates = java.util.regex.Pattern.compile(
                "^mes_ingest_messages_total\\{[^}]*outcome=\"duplicate\"[^}]*} ([0-9.E+]+)", java.util.regex.Pattern.MULTILINE)
                .matcher(app.metrics());
        System.out.printf("kills: %d, deliveries made again: %d, of their messages found already stored since the last start: %s%n",
                points.size(), redelivered, duplicates.find() ? duplicates.group(1) : "0");
        assertThat(redelivered).as("the kills left deliveries unacknowledged (else this test proved nothing)").isPositive();
    }

    @Test
    void theDatabaseStoppedForThirtySecondsMidStreamLosesNothingAndDoublesNothing() throws Exception {
        KnownStream.Stream stream = known.stream("DBDOWN", 42);
        app.plant("DBDOWN", stream.machines(), SENSORS);
        EmbeddedPostgresControl database = new EmbeddedPostgresControl(jdbcUrl);

        KnownStream.Publishing publishing = known.publish(stream);
        Thread.sleep(5_000);
        database.stop();
        long stopped = System.nanoTime();
        Map<Integer, Integer> readiness = new TreeMap<>();
        while (System.nanoTime() - stopped < TimeUnit.SECONDS.toNanos(30)) {
            readiness.merge(app.status("/q/health/ready"), 1, Integer::sum);
            Thread.sleep(1_000);
        }
        database.start();
        System.out.printf("database down 30 s; readiness answers meanwhile (status: count) %s%n", readiness);
        assertThat(app.alive()).as("the application rode the outage out").isTrue();
        assertThat(readiness).as("not ready while the database is down").containsKey(503);
        publishing.join();

        known.drained(stream);
        known.assertStoredExactlyOnce(stream);
        assertThat(app.status("/q/health/ready")).isEqualTo(200);
    }
}
