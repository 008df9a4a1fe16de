package mes.benchmark;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import mes.support.PackagedApp;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The packaged JVM application (target/quarkus-app, as the JVM Dockerfile runs it) started in the
 * prod profile against a PostgreSQL of its own: time to ready, resident memory idle, then resident
 * memory and heap while 60 machines send 10,000 readings/s for 60 s through POST /api/v1/readings.
 * Package first (`./mvnw package -DskipTests`; bench/run does). Writes
 * target/benchmark/packaged-app.txt; asserts nothing about time or memory.
 */
@Tag("benchmark")
class PackagedAppBenchmark {

    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    static final int MACHINES = 60;
    static final int VALUES = 8;
    static final int BATCH = 50;
    static final int READINGS_PER_SECOND = 10_000;
    static final int IN_FLIGHT = 8;

    private final HttpClient http = HttpClient.newHttpClient();
    private PackagedApp app;

    @Test
    void startUpAndMemoryIdleAndUnderIngestLoad() throws Exception {
        assumeTrue(PackagedApp.packaged(), "package the application first: ./mvnw package -DskipTests");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off").setServerConfig("timezone", "UTC").start()) {
            String jdbcUrl = PackagedApp.database(pg);
            try (PackagedApp app = new PackagedApp(jdbcUrl, Map.of())) {
                this.app = app;
                double readyMillis = app.start().toNanos() / 1e6;
                String started = startedIn(Files.readString(app.log()));
                Thread.sleep(10_000);
                long idleRss = app.rssKib();
                double idleHeap = app.heapMiB();
                List<String> machines = IntStream.range(0, MACHINES).mapToObj(m -> "PKG-" + m).toList();
                app.plant("PKG", machines, IntStream.range(0, VALUES).mapToObj(v -> "v" + v).toArray(String[]::new));
                Load load = load(Duration.ofSeconds(60));
                String report = String.format(Locale.ROOT, """
                        packaged JVM application (prod profile, java -jar target/quarkus-app/quarkus-run.jar, default JVM flags), %s
                        | measure | value |
                        |---|---|
                        | launch to /q/health/ready = 200 | %.0f ms |
                        | Quarkus's own "started in" | %s |
                        | RSS idle (10 s after ready) | %d MiB |
                        | heap used idle | %.0f MiB |
                        | ingest load: %d machines, %d values per message, %d messages per POST (at most 8 at once), target %,d readings/s for %d s | %,.0f readings/s stored, %d errors |
                        | RSS under load: max / at the end | %d / %d MiB |
                        | heap used under load: max | %.0f MiB |
                        """, Runtime.version(), readyMillis, started, idleRss / 1024, idleHeap, MACHINES, VALUES, BATCH, READINGS_PER_SECOND,
                        load.seconds, load.readingsPerSecond, load.errors, load.maxRssKib / 1024, load.endRssKib / 1024, load.maxHeapMiB);
                Files.createDirectories(Path.of("target/benchmark"));
                Files.writeString(Path.of("target/benchmark/packaged-app.txt"), report);
                System.out.print(report);
            }
        }
    }

    private record Load(long seconds, double readingsPerSecond, int errors, long maxRssKib, long endRssKib, double maxHeapMiB) {
    }

    private Load load(Duration duration) throws Exception {
        Map<String, Instant> last = new HashMap<>();
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) * BATCH * VALUES / READINGS_PER_SECOND;
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long next = start;
        long sampled = start;
        long sent = 0;
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(IN_FLIGHT);
        java.util.concurrent.atomic.AtomicLong stored = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicInteger failed = new java.util.concurrent.atomic.AtomicInteger();
        int machine = 0;
        long maxRss = 0;
        double maxHeap = 0;
        while (System.nanoTime() < end) {
            StringBuilder body = new StringBuilder("[");
            for (int i = 0; i < BATCH; i++) {
                String id = "PKG-" + (machine++ % MACHINES);
                Instant ts = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                Instant previous = last.get(id);
                if (previous != null && !ts.isAfter(previous)) {
                    ts = previous.plusMillis(1);
                }
                last.put(id, ts);
                body.append(i == 0 ? "" : ",").append("{\"machineId\":\"").append(id).append("\",\"ts\":\"").append(ts)
                        .append("\",\"state\":\"RUNNING\",\"counters\":{\"good\":").append(sent).append(",\"scrap\":0},\"values\":{");
                for (int v = 0; v < VALUES; v++) {
                    body.append(v == 0 ? "" : ",").append("\"v").append(v).append("\":").append(20 + (sent + v) % 7);
                }
                body.append("}}");
            }
            body.append(']');
            inFlight.acquire(); // gateways post concurrently: at most IN_FLIGHT requests at once
            http.sendAsync(app.request("/api/v1/readings").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                if (e == null && r.statusCode() == 200) {
                    stored.addAndGet((long) BATCH * VALUES);
                } else {
                    failed.incrementAndGet();
                }
                inFlight.release();
            });
            sent += (long) BATCH * VALUES;
            if (System.nanoTime() - sampled > TimeUnit.SECONDS.toNanos(5)) {
                maxRss = Math.max(maxRss, app.rssKib());
                maxHeap = Math.max(maxHeap, app.heapMiB());
                sampled = System.nanoTime();
            }
            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
        inFlight.acquire(IN_FLIGHT); // every answer is in
        double seconds = (System.nanoTime() - start) / 1e9;
        long endRss = app.rssKib();
        return new Load(Math.round(seconds), stored.get() / seconds, failed.get(), Math.max(maxRss, endRss), endRss,
                Math.max(maxHeap, app.heapMiB()));
    }

    private static String startedIn(String log) {
        Matcher m = Pattern.compile("started in ([0-9.]+s)").matcher(log);
        return m.find() ? m.group(1) : "(not in the log)";
    }

}
