package mes.benchmark;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    static final String ADMIN_PASSWORD = "benchmark admin password";

    private final HttpClient http = HttpClient.newHttpClient();
    private String base;

    @Test
    void startUpAndMemoryIdleAndUnderIngestLoad() throws Exception {
        assumeTrue(Files.exists(JAR), "package the application first: ./mvnw package -DskipTests");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off").setServerConfig("timezone", "UTC").start()) {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE ROLE mes LOGIN PASSWORD 'mes'");
                s.execute("CREATE DATABASE mes OWNER mes");
            }
            int port = freePort();
            base = "http://localhost:" + port;
            Map<String, String> env = new HashMap<>(System.getenv());
            env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:" + pg.getPort() + "/mes");
            env.put("QUARKUS_DATASOURCE_USERNAME", "mes");
            env.put("QUARKUS_DATASOURCE_PASSWORD", "mes");
            env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
            env.put("QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY", "benchmark-session-key-0123456789abcdef");
            env.put("MES_SECURITY_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
            env.put("MES_PUBSUB_ENABLED", "false");
            env.put("MES_ARCHIVE_TARGET", "local");
            env.put("MES_ARCHIVE_LOCAL_FOLDER", "target/benchmark-archive");
            // no metadata server here: Google's auth library would wait for one at start (on a Compute Engine VM it answers at once)
            env.put("NO_GCE_CHECK", "true");
            Path log = Files.createTempFile("packaged-app", ".log");
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                    JAR.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().clear();
            pb.environment().putAll(env);
            long launched = System.nanoTime();
            Process app = pb.start();
            try {
                double readyMillis = waitReady(launched, app);
                String started = startedIn(Files.readString(log));
                Thread.sleep(10_000);
                long idleRss = rss(app.pid());
                double idleHeap = heapMiB();
                setUpPlant();
                Load load = load(app.pid(), Duration.ofSeconds(60));
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
            } finally {
                app.destroy();
                if (!app.waitFor(30, TimeUnit.SECONDS)) {
                    app.destroyForcibly();
                }
            }
        }
    }

    private record Load(long seconds, double readingsPerSecond, int errors, long maxRssKib, long endRssKib, double maxHeapMiB) {
    }

    private Load load(long pid, Duration duration) throws Exception {
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
            http.sendAsync(post("/api/v1/readings", body.toString()), HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                if (e == null && r.statusCode() == 200) {
                    stored.addAndGet((long) BATCH * VALUES);
                } else {
                    failed.incrementAndGet();
                }
                inFlight.release();
            });
            sent += (long) BATCH * VALUES;
            if (System.nanoTime() - sampled > TimeUnit.SECONDS.toNanos(5)) {
                maxRss = Math.max(maxRss, rss(pid));
                maxHeap = Math.max(maxHeap, heapMiB());
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
        long endRss = rss(pid);
        return new Load(Math.round(seconds), stored.get() / seconds, failed.get(), Math.max(maxRss, endRss), endRss,
                Math.max(maxHeap, heapMiB()));
    }

    private void setUpPlant() throws Exception {
        send("PUT", "/api/v1/sites/PKG", "{\"name\":\"Bench\",\"timeZone\":\"Europe/Berlin\"}");
        send("PUT", "/api/v1/areas/PKG-A", "{\"name\":\"A\",\"siteId\":\"PKG\"}");
        send("PUT", "/api/v1/lines/PKG-L", "{\"name\":\"L\",\"areaId\":\"PKG-A\"}");
        StringBuilder sensors = new StringBuilder();
        for (int v = 0; v < VALUES; v++) {
            sensors.append(v == 0 ? "" : ",").append("\"v").append(v).append("\":{\"unit\":\"C\",\"lsl\":0,\"usl\":100}");
        }
        for (int m = 0; m < MACHINES; m++) {
            send("PUT", "/api/v1/machines/PKG-" + m, "{\"name\":\"M\",\"lineId\":\"PKG-L\",\"idealCycleTimeSeconds\":20,\"sensors\":{" + sensors + "}}");
        }
    }

    private void send(String method, String path, String body) throws Exception {
        HttpResponse<String> r = http.send(request(path).method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new AssertionError(method + " " + path + ": " + r.statusCode() + " " + r.body());
        }
    }

    private HttpRequest post(String path, String body) {
        return request(path).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpRequest.Builder request(String path) {
        String basic = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30));
    }

    private double waitReady(long launched, Process app) throws Exception {
        while (System.nanoTime() - launched < TimeUnit.SECONDS.toNanos(120)) {
            if (!app.isAlive()) {
                throw new AssertionError("the application stopped with " + app.exitValue());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return (System.nanoTime() - launched) / 1e6;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new AssertionError("not ready within 120 s");
    }

    private double heapMiB() throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher m = Pattern.compile("^jvm_memory_used_bytes\\{area=\"heap\"[^}]*} ([0-9.E+]+)", Pattern.MULTILINE).matcher(metrics);
        double bytes = 0;
        while (m.find()) {
            bytes += Double.parseDouble(m.group(1));
        }
        return bytes / (1024 * 1024);
    }

    private static String startedIn(String log) {
        Matcher m = Pattern.compile("started in ([0-9.]+s)").matcher(log);
        return m.find() ? m.group(1) : "(not in the log)";
    }

    private static long rss(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
