package mes.support;

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
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged JVM application (target/quarkus-app, as the JVM Dockerfile and the VM run it) as
 * a child process in the prod profile, against a database of the caller's: started, killed with
 * SIGKILL, started again. Its output of every run is appended to one log file. Configuration is
 * passed as environment variables, as the startup script does; {@link #env(String)} turns a
 * property name into one.
 */
public final class PackagedApp implements AutoCloseable {

    public static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    public static final String ADMIN_PASSWORD = "packaged app admin password";

    private final Path jar;
    private final Map<String, String> env = new HashMap<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final Path log;
    private Process process;

    /** The application against the database at the JDBC URL (user and password mes), with extra properties. */
    public PackagedApp(String jdbcUrl, Map<String, String> properties) throws IOException {
        this(JAR, jdbcUrl, properties);
    }

    /** Another build of the application (its quarkus-run.jar), for example the previous release's. */
    public PackagedApp(Path jar, String jdbcUrl, Map<String, String> properties) throws IOException {
        this.jar = jar;
        int port = freePort();
        base = "http://localhost:" + port;
        log = Files.createTempFile("packaged-app", ".log");
        env.putAll(System.getenv());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        env.put("QUARKUS_DATASOURCE_USERNAME", "mes");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "mes");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY", "packaged-app-session-key-0123456789abcdef");
        env.put("MES_SECURITY_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("MES_PUBSUB_ENABLED", "false");
        env.put("MES_ARCHIVE_TARGET", "local");
        env.put("MES_ARCHIVE_LOCAL_FOLDER", "target/packaged-app-archive");
        env.put("MES_REPORTS_TARGET", "local");
        env.put("MES_REPORTS_LOCAL_FOLDER", "target/packaged-app-reports");
        // no metadata server here: Google's auth library would wait for one at start (on a Compute Engine VM it answers at once)
        env.put("NO_GCE_CHECK", "true");
        // the prod profile logs JSON to /var/log/smart-mes (the VM's LogsDirectory); here a file of the test's
        env.put("QUARKUS_LOG_FILE_PATH", log.resolveSibling(log.getFileName() + ".json").toString());
        properties.forEach((name, value) -> env.put(env(name), value));
    }

    /** Sets an environment variable of the next start, or removes it (null). */
    public PackagedApp environment(String name, String value) {
        if (value == null) {
            env.remove(name);
        } else {
            env.put(name, value);
        }
        return this;
    }

    /** The JSON log file of the prod profile (quarkus.log.file), as the Ops Agent reads it on the VM. */
    public Path jsonLog() {
        return Path.of(env.get("QUARKUS_LOG_FILE_PATH"));
    }

    /** Options of the JVM (heap, collector) for the next start; none by default, as the JVM Dockerfile. */
    public PackagedApp jvmOptions(List<String> options) {
        jvmOptions.clear();
        jvmOptions.addAll(options);
        return this;
    }

    /**
     * Creates, in a fresh PostgreSQL, the role and the database the application signs in to (user,
     * password and database "mes"); answers the JDBC URL to give it.
     */
    public static String database(EmbeddedPostgres pg) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE mes LOGIN PASSWORD 'mes'");
            s.execute("CREATE DATABASE mes OWNER mes");
        }
        return "jdbc:postgresql://localhost:" + pg.getPort() + "/mes";
    }

    /** A TCP port nothing listens on now. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public static boolean packaged() {
        return Files.exists(JAR);
    }

    /** The environment variable MicroProfile Config reads for a property name. */
    public static String env(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** Launches the application and waits until it is ready; answers how long that took. */
    public Duration start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().clear();
        pb.environment().putAll(env);
        long launched = System.nanoTime();
        process = pb.start();
        while (System.nanoTime() - launched < TimeUnit.SECONDS.toNanos(120)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the application stopped with " + process.exitValue() + "; see " + log);
            }
            if (status("/q/health/ready") == 200) {
                return Duration.ofNanos(System.nanoTime() - launched);
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("not ready within 120 s; see " + log);
    }

    /** kill -9: no shutdown hook runs, nothing is flushed, connections are cut. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public String base() {
        return base;
    }

    public Path log() {
        return log;
    }

    /** The HTTP status of an unauthenticated GET, or -1 while nothing listens. */
    public int status(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** A request as the bootstrap administrator (Basic); throws on an answer of 300 or more. */
    public String send(String method, String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request(path).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new AssertionError(method + " " + path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    public HttpRequest.Builder request(String path) {
        String basic = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30));
    }

    /** A site, area and line, and the machines on it, each with the sensors named. */
    public void plant(String prefix, Iterable<String> machines, String... sensors) throws IOException, InterruptedException {
        send("PUT", "/api/v1/sites/" + prefix, "{\"name\":\"" + prefix + "\",\"timeZone\":\"Europe/Berlin\"}");
        send("PUT", "/api/v1/areas/" + prefix + "-A", "{\"name\":\"A\",\"siteId\":\"" + prefix + "\"}");
        send("PUT", "/api/v1/lines/" + prefix + "-L", "{\"name\":\"L\",\"areaId\":\"" + prefix + "-A\"}");
        StringBuilder s = new StringBuilder();
        for (String sensor : sensors) {
            s.append(s.isEmpty() ? "" : ",").append('"').append(sensor).append("\":{\"unit\":\"u\",\"lsl\":0,\"usl\":1000}");
        }
        for (String machine : machines) {
            send("PUT", "/api/v1/machines/" + machine, "{\"name\":\"M\",\"lineId\":\"" + prefix
                    + "-L\",\"idealCycleTimeSeconds\":20,\"sensors\":{" + s + "}}");
        }
    }

    /** Resident memory of the process, KiB (from /proc). */
    public long rssKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    /** The application's own metrics (Prometheus text). */
    public String metrics() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Heap in use, MiB, from the application's own metrics. */
    public double heapMiB() throws IOException, InterruptedException {
        return heapMiB(metrics());
    }

    /** Heap in use, MiB, from a metrics text. */
    public static double heapMiB(String metrics) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^jvm_memory_used_bytes\\{area=\"heap\"[^}]*} ([0-9.E+]+)",
                java.util.regex.Pattern.MULTILINE).matcher(metrics);
        double bytes = 0;
        while (m.find()) {
            bytes += Double.parseDouble(m.group(1));
        }
        return bytes / (1024 * 1024);
    }

    /** A graceful stop (SIGTERM, as systemd stops it). */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
