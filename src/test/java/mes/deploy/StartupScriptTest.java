package mes.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * deploy/startup-script.sh executed, not only linted: bash runs it in a scratch root against
 * stand-ins on loopback that speak the real protocols of the metadata server (the
 * Metadata-Flavor header, attributes, the token), Secret Manager (versions/latest:access, the
 * base64 payload, 404 for a secret without a version) and Cloud Storage (the JSON API's media
 * download), with systemctl, useradd, id, chown and apt-get replaced by recording stubs.
 */
class StartupScriptTest {

    static final String PROJECT = "acme-mes";
    static final String BUCKET = "mes-acme-mes-artifacts";
    static final String SESSION_KEY = "0123456789abcdef0123456789abcdef-session";
    /** Everything a shell or an EnvironmentFile could read differently: quotes, backslash, dollar, spaces, hash. */
    static final String DB_PASSWORD = "p\"a's\\s $w0rd `x` #1=2";

    @TempDir
    Path dir;
    Path root;
    Path systemctlLog;
    HttpServer server;
    final Map<String, String> metadata = new ConcurrentHashMap<>();
    final Map<String, byte[]> secrets = new ConcurrentHashMap<>();
    final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    /** Each object's generation and creation time, as Cloud Storage keeps them. */
    final Map<String, Long> generations = new ConcurrentHashMap<>();
    final Map<String, String> created = new ConcurrentHashMap<>();
    final AtomicInteger clock = new AtomicInteger();
    /** When set, someone else writes this object just before the next upload of it arrives. */
    volatile String raceOn;
    /** Answers of 503 still to give, by request path. */
    final Map<String, AtomicInteger> unavailable = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    record Boot(int exitCode, String output, List<String> systemctl) {
        boolean restarted(String unit) {
            return systemctl.contains("restart " + unit);
        }
    }

    @BeforeEach
    void standIns() throws IOException {
        root = Files.createDirectories(dir.resolve("root"));
        systemctlLog = dir.resolve("systemctl.log");
        stubs();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/computeMetadata/v1/", this::metadataServer);
        server.createContext("/v1/", this::secretManager);
        server.createContext("/storage/v1/b/", this::cloudStorage);
        server.createContext("/upload/storage/v1/b/", this::cloudStorageUpload);
        server.start();

        metadata.put("mes-artifacts-bucket", BUCKET);
        metadata.put("mes-db-name", "mes");
        metadata.put("mes-db-user", "mes");
        metadata.put("mes-db-connection", PROJECT + ":europe-west3:mes-pg");
        metadata.put("mes-subscription", "mes-sensor-data");
        metadata.put("mes-dead-letter-topic", "mes-sensor-data-dead-letter");
        metadata.put("mes-archive-bucket", "mes-acme-mes-archive");
        metadata.put("mes-reports-bucket", "mes-acme-mes-records");
        metadata.put("mes-db-password-secret", "projects/" + PROJECT + "/secrets/mes-db-password");
        metadata.put("mes-admin-password-secret", "projects/" + PROJECT + "/secrets/mes-admin-password");
        metadata.put("mes-session-key-secret", "projects/" + PROJECT + "/secrets/mes-session-key");
        metadata.put("mes-unit-smart-mes", Files.readString(Path.of("deploy/systemd/smart-mes.service")));
        metadata.put("mes-unit-cloud-sql-proxy", Files.readString(Path.of("deploy/systemd/cloud-sql-proxy.service")));
        metadata.put("mes-ops-agent-config", Files.readString(Path.of("deploy/ops-agent.yaml")));
        secrets.put("projects/" + PROJECT + "/secrets/mes-db-password", DB_PASSWORD.getBytes(StandardCharsets.UTF_8));
        secrets.put("projects/" + PROJECT + "/secrets/mes-admin-password", "Erstes-Admin-Passwort-2026".getBytes(StandardCharsets.UTF_8));
        secrets.put("projects/" + PROJECT + "/secrets/mes-session-key", SESSION_KEY.getBytes(StandardCharsets.UTF_8));
        release("build-1", "the first native binary");
        proxy("2.14.1", "the Cloud SQL Auth Proxy 2.14.1");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** Uploads a release as the pipeline does and points smart-mes/current at it; answers its SHA-256. */
    String release(String buildId, String content) {
        byte[] binary = content.getBytes(StandardCharsets.UTF_8);
        String object = "smart-mes/releases/" + buildId + "/smart-mes";
        store(BUCKET + "/" + object, binary);
        String sha = sha256(binary);
        store(BUCKET + "/" + object + ".sha256", (sha + "\n").getBytes(StandardCharsets.UTF_8));
        store(BUCKET + "/smart-mes/current", (object + " " + sha + "\n").getBytes(StandardCharsets.UTF_8));
        return sha;
    }

    void store(String key, byte[] content) {
        objects.put(key, content);
        generations.merge(key, 1L, (old, one) -> old + 1);
        created.put(key, String.format("2026-12-03T08:%02d:%02d.000Z", clock.get() / 60, clock.getAndIncrement() % 60));
    }

    String current() {
        return new String(objects.get(BUCKET + "/smart-mes/current"), StandardCharsets.UTF_8);
    }

    void proxy(String version, String content) {
        byte[] binary = content.getBytes(StandardCharsets.UTF_8);
        store("cloud-sql-connectors/cloud-sql-proxy/v" + version + "/cloud-sql-proxy.linux.amd64", binary);
        metadata.put("mes-proxy-version", version);
        metadata.put("mes-proxy-sha256", sha256(binary));
    }

    // ---- the cases of the issue ----

    @Test
    void aFirstBootInstallsEverythingAndStartsBothUnits() throws Exception {
        String sha = sha256("the first native binary".getBytes(StandardCharsets.UTF_8));
        Boot boot = boot();

        assertThat(boot.exitCode()).as(boot.output()).isZero();
        Path current = root.resolve("opt/smart-mes/smart-mes");
        assertThat(Files.readSymbolicLink(current)).hasToString("releases/" + sha + "/smart-mes");
        assertThat(Files.readString(current)).isEqualTo("the first native binary");
        assertThat(Files.readString(root.resolve("usr/local/bin/cloud-sql-proxy"))).isEqualTo("the Cloud SQL Auth Proxy 2.14.1");
        Path credentials = root.resolve("etc/smart-mes/credentials");
        assertThat(Files.readString(credentials.resolve("quarkus.datasource.password"))).as("byte for byte").isEqualTo(DB_PASSWORD);
        assertThat(Files.readString(credentials.resolve("quarkus.http.auth.session.encryption-key"))).isEqualTo(SESSION_KEY);
        assertThat(Files.readString(credentials.resolve("mes.security.bootstrap-admin.password"))).isEqualTo("Erstes-Admin-Passwort-2026");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials.resolve("quarkus.datasource.password"))))
                .isEqualTo("rw-------");
        String env = Files.readString(root.resolve("etc/smart-mes/app.env"));
        assertThat(env).contains("QUARKUS_PROFILE=prod\n", "QUARKUS_GOOGLE_CLOUD_PROJECT_ID=" + PROJECT + "\n",
                "QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/mes\n", "MES_PUBSUB_SUBSCRIPTION=mes-sensor-data\n")
                .as("no secret in the environment").doesNotContain(DB_PASSWORD, SESSION_KEY, "PASSWORD");
        assertThat(Files.readString(root.resolve("etc/smart-mes/proxy.env"))).isEqualTo("INSTANCE_CONNECTION_NAME=" + PROJECT + ":europe-west3:mes-pg\n");
        assertThat(root.resolve("etc/systemd/system/smart-mes.service")).hasContent(metadata.get("mes-unit-smart-mes"));
        assertThat(root.resolve("etc/systemd/system/cloud-sql-proxy.service")).hasContent(metadata.get("mes-unit-cloud-sql-proxy"));
        assertThat(root.resolve("etc/google-cloud-ops-agent/config.yaml")).hasContent(metadata.get("mes-ops-agent-config"));
        assertThat(boot.systemctl()).containsSubsequence("daemon-reload", "enable cloud-sql-proxy.service smart-mes.service",
                "restart cloud-sql-proxy.service", "restart smart-mes.service");
        assertThat(Files.exists(dir.resolve("useradd.called"))).as("the application's user is created").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"no version", "empty", "unreadable"})
    void aSecretThatCannotBeReadFailsTheBootAndStartsNothing(String how) throws Exception {
        String name = "projects/" + PROJECT + "/secrets/mes-admin-password";
        switch (how) {
            case "no version" -> secrets.remove(name);
            case "empty" -> secrets.put(name, new byte[0]);
            default -> metadata.put("mes-admin-password-secret", "projects/" + PROJECT + "/secrets/not-allowed");
        }
        Boot boot = boot();

        assertThat(boot.exitCode()).isNotZero();
        assertThat(boot.output()).contains("FAILED: secret projects/" + PROJECT + "/secrets/")
                .contains("nothing was installed, changed or started by this boot");
        assertThat(boot.systemctl()).isEmpty();
        assertThat(installedFiles()).as("not a file of the installation is written").isEmpty();
    }

    @Test
    void aSessionKeyTooShortToBeSharedFailsTheBoot() throws Exception {
        secrets.put("projects/" + PROJECT + "/secrets/mes-session-key", "short".getBytes(StandardCharsets.UTF_8));
        Boot boot = boot();
        assertThat(boot.exitCode()).isNotZero();
        assertThat(boot.output()).contains("session key secret must have at least 32 characters");
        assertThat(boot.systemctl()).isEmpty();
    }

    @Test
    void aChecksumMismatchKeepsTheRunningRelease() throws Exception {
        String first = sha256("the first native binary".getBytes(StandardCharsets.UTF_8));
        assertThat(boot().exitCode()).isZero();
        // a pointer written before its upload finished, or a corrupted object
        release("build-2", "the second native binary");
        store(BUCKET + "/smart-mes/releases/build-2/smart-mes", "truncat".getBytes(StandardCharsets.UTF_8));

        Boot boot = boot();
        assertThat(boot.exitCode()).isNotZero();
        assertThat(boot.output()).contains("smart-mes/releases/build-2/smart-mes has SHA-256", "the running release is kept");
        assertThat(Files.readSymbolicLink(root.resolve("opt/smart-mes/smart-mes"))).hasToString("releases/" + first + "/smart-mes");
        assertThat(boot.systemctl()).isEmpty();
    }

    @Test
    void aSecondBootWithNothingNewRestartsNothing() throws Exception {
        assertThat(boot().exitCode()).isZero();
        int downloads = requests("/storage/v1/b/");
        Boot again = boot();

        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.systemctl()).containsExactly("enable cloud-sql-proxy.service smart-mes.service", "start cloud-sql-proxy.service",
                "start smart-mes.service");
        assertThat(requests("/storage/v1/b/") - downloads).as("only the pointer is read again, no binary").isEqualTo(1);
    }

    @Test
    void aNewReleaseIsSwappedInAtomicallyAndRestartsOnlyTheApplication() throws Exception {
        String first = sha256("the first native binary".getBytes(StandardCharsets.UTF_8));
        assertThat(boot().exitCode()).isZero();
        String second = release("build-2", "the second native binary");

        Boot boot = boot();
        assertThat(boot.exitCode()).as(boot.output()).isZero();
        Path current = root.resolve("opt/smart-mes/smart-mes");
        assertThat(Files.isSymbolicLink(current)).isTrue();
        assertThat(Files.readSymbolicLink(current)).hasToString("releases/" + second + "/smart-mes");
        assertThat(Files.readString(current)).isEqualTo("the second native binary");
        assertThat(root.resolve("opt/smart-mes/releases/" + first + "/smart-mes")).as("kept for a rollback").exists();
        assertThat(root.resolve("opt/smart-mes/smart-mes.new")).doesNotExist();
        assertThat(boot.restarted("smart-mes.service")).isTrue();
        assertThat(boot.restarted("cloud-sql-proxy.service")).isFalse();
        assertThat(boot.systemctl()).doesNotContain("daemon-reload");
    }

    @Test
    void aRollbackPointsBackToAReleaseStillOnTheVmWithoutDownloadingIt() throws Exception {
        String first = sha256("the first native binary".getBytes(StandardCharsets.UTF_8));
        assertThat(boot().exitCode()).isZero();
        release("build-2", "the second native binary");
        assertThat(boot().exitCode()).isZero();
        int binaryDownloads = requests("/storage/v1/b/" + BUCKET + "/o/smart-mes%2Freleases%2Fbuild-1%2Fsmart-mes");
        // a pointer set back by hand (deploy/rollback.sh below does the same)
        store(BUCKET + "/smart-mes/current", ("smart-mes/releases/build-1/smart-mes " + first + "\n").getBytes(StandardCharsets.UTF_8));

        Boot boot = boot();
        assertThat(boot.exitCode()).as(boot.output()).isZero();
        assertThat(Files.readSymbolicLink(root.resolve("opt/smart-mes/smart-mes"))).hasToString("releases/" + first + "/smart-mes");
        assertThat(boot.restarted("smart-mes.service")).isTrue();
        assertThat(requests("/storage/v1/b/" + BUCKET + "/o/smart-mes%2Freleases%2Fbuild-1%2Fsmart-mes")).isEqualTo(binaryDownloads);
    }

    @Test
    void onlyTheCurrentReleaseAndTheTwoBeforeItAreKept() throws Exception {
        List<String> shas = new ArrayList<>();
        for (int build = 1; build <= 5; build++) {
            shas.add(release("build-" + build, "native binary " + build));
            Boot boot = boot();
            assertThat(boot.exitCode()).as(boot.output()).isZero();
            Thread.sleep(20); // distinct modification times
        }
        try (var releases = Files.list(root.resolve("opt/smart-mes/releases"))) {
            assertThat(releases.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(shas.subList(2, 5));
        }
    }

    @Test
    void aNewProxyRestartsTheProxyAndNotTheApplication() throws Exception {
        assertThat(boot().exitCode()).isZero();
        proxy("2.15.0", "the Cloud SQL Auth Proxy 2.15.0");

        Boot boot = boot();
        assertThat(boot.exitCode()).as(boot.output()).isZero();
        assertThat(Files.readString(root.resolve("usr/local/bin/cloud-sql-proxy"))).isEqualTo("the Cloud SQL Auth Proxy 2.15.0");
        assertThat(boot.restarted("cloud-sql-proxy.service")).isTrue();
        assertThat(boot.restarted("smart-mes.service")).isFalse();
    }

    @Test
    void aProxyDownloadThatIsNotThePinnedOneFailsTheBoot() throws Exception {
        store("cloud-sql-connectors/cloud-sql-proxy/v2.14.1/cloud-sql-proxy.linux.amd64", "tampered".getBytes(StandardCharsets.UTF_8));
        Boot boot = boot();
        assertThat(boot.exitCode()).isNotZero();
        assertThat(boot.output()).contains("not the pinned");
        assertThat(installedFiles()).isEmpty();
    }

    @Test
    void aChangedSecretRestartsTheApplication() throws Exception {
        assertThat(boot().exitCode()).isZero();
        secrets.put("projects/" + PROJECT + "/secrets/mes-db-password", "rotated-password".getBytes(StandardCharsets.UTF_8));
        Boot boot = boot();
        assertThat(boot.exitCode()).isZero();
        assertThat(root.resolve("etc/smart-mes/credentials/quarkus.datasource.password")).hasContent("rotated-password");
        assertThat(boot.restarted("smart-mes.service")).isTrue();
        assertThat(boot.restarted("cloud-sql-proxy.service")).isFalse();
    }

    @Test
    void transientFailuresOfTheMetadataServerAndSecretManagerAreRetried() throws Exception {
        unavailable.put("/computeMetadata/v1/instance/attributes/mes-db-user", new AtomicInteger(2));
        unavailable.put("/v1/projects/" + PROJECT + "/secrets/mes-session-key/versions/latest:access", new AtomicInteger(3));
        Boot boot = boot();

        assertThat(boot.exitCode()).as(boot.output()).isZero();
        assertThat(requests("/computeMetadata/v1/instance/attributes/mes-db-user")).isEqualTo(3);
        assertThat(requests("/v1/projects/" + PROJECT + "/secrets/mes-session-key/versions/latest:access")).isEqualTo(4);
        assertThat(boot.output()).contains("503, trying again");
    }

    @Test
    void aServiceThatStaysUnavailableFailsTheBootAfterItsAttempts() throws Exception {
        unavailable.put("/v1/projects/" + PROJECT + "/secrets/mes-db-password/versions/latest:access", new AtomicInteger(100));
        Boot boot = boot();
        assertThat(boot.exitCode()).isNotZero();
        assertThat(boot.output()).contains("still 503 after 4 attempts", "FAILED: secret projects/" + PROJECT + "/secrets/mes-db-password");
        assertThat(boot.systemctl()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mes\nQUARKUS_PROFILE=dev", "mes\"; rm -rf /", "$(reboot)"})
    void aMetadataValueThatIsNotAPlainNameIsRefused(String value) throws Exception {
        metadata.put("mes-db-user", value);
        Boot boot = boot();
        assertThat(boot.exitCode()).isNotZero();
        assertThat(boot.output()).contains("instance metadata 'mes-db-user' has characters a resource name does not have");
        assertThat(installedFiles()).isEmpty();
    }

    @Test
    void aMissingSettingIsNamed() throws Exception {
        metadata.remove("mes-subscription");
        Boot boot = boot();
        assertThat(boot.exitCode()).isNotZero();
        assertThat(boot.output()).contains("instance metadata 'mes-subscription' is missing");
    }

    @Test
    void theOpsAgentIsInstalledFromGooglesRepositoryWhenAbsentAndItsAbsenceDoesNotStopTheApplication() throws Exception {
        Files.delete(dir.resolve("bin/google_cloud_ops_agent_engine"));
        Boot failed = boot(); // the package key is not served: the agent cannot be installed
        assertThat(failed.exitCode()).as(failed.output()).isZero();
        assertThat(failed.output()).contains("WARNING: the Ops Agent could not be installed");
        assertThat(failed.restarted("smart-mes.service")).isTrue();

        server.createContext("/apt/doc/apt-key.gpg", exchange -> answer(exchange, 200, "-----BEGIN PGP PUBLIC KEY BLOCK-----\n".getBytes(StandardCharsets.UTF_8)));
        Boot boot = boot();
        assertThat(boot.exitCode()).as(boot.output()).isZero();
        assertThat(Files.readString(dir.resolve("apt-get.log"))).contains("install -y -qq google-cloud-ops-agent");
        assertThat(root.resolve("usr/share/keyrings/google-cloud-ops-agent.asc")).exists();
        assertThat(Files.readString(root.resolve("etc/apt/sources.list.d/google-cloud-ops-agent.list")))
                .startsWith("deb [signed-by=/usr/share/keyrings/google-cloud-ops-agent.asc] ");
        assertThat(boot.systemctl()).contains("restart google-cloud-ops-agent");
    }

    // ---- deploy/rollback.sh, against the same stand-in of Cloud Storage ----

    @Test
    void aRollbackPointsBackToThePreviousReleaseReplacesTheGroupAndTheNextBootRunsIt() throws Exception {
        String first = sha256("the first native binary");
        assertThat(boot().exitCode()).isZero();
        release("build-2", "the second native binary");
        assertThat(boot().exitCode()).isZero();

        Run rollback = rollback("--bucket", BUCKET, "--mig", "mes-app", "--region", "europe-west3");
        assertThat(rollback.exitCode()).as(rollback.output()).isZero();
        assertThat(current()).isEqualTo("smart-mes/releases/build-1/smart-mes " + first + "\n");
        assertThat(Files.readString(dir.resolve("gcloud.log")))
                .contains("compute instance-groups managed rolling-action replace mes-app --region europe-west3 --max-surge 3 --max-unavailable 0");

        Boot boot = boot();
        assertThat(boot.exitCode()).as(boot.output()).isZero();
        assertThat(Files.readSymbolicLink(root.resolve("opt/smart-mes/smart-mes"))).hasToString("releases/" + first + "/smart-mes");
    }

    @Test
    void aRollbackToANamedReleaseAndADryRun() throws Exception {
        release("build-2", "the second native binary");
        String third = release("build-3", "the third native binary");
        Run dry = rollback("--bucket", BUCKET, "--release", "build-1", "--dry-run");
        assertThat(dry.exitCode()).as(dry.output()).isZero();
        assertThat(dry.output()).contains("would point smart-mes/current at: smart-mes/releases/build-1/smart-mes");
        assertThat(current()).contains("build-3/smart-mes " + third);

        Run named = rollback("--bucket", BUCKET, "--release", "build-1");
        assertThat(named.exitCode()).as(named.output()).isZero();
        assertThat(current()).startsWith("smart-mes/releases/build-1/smart-mes ");
    }

    @Test
    void aRollbackThatCannotBeDoneChangesNothing() throws Exception {
        release("build-2", "the second native binary");
        String before = current();

        assertThat(rollback("--bucket", BUCKET, "--release", "build-9").output()).contains("there is no release build-9");
        assertThat(rollback("--bucket", BUCKET, "--release", "build-2").output()).contains("build-2 is already the current release");
        assertThat(rollback("--bucket", BUCKET, "--release", "../etc").output()).contains("is not a build id");
        objects.remove(BUCKET + "/smart-mes/releases/build-1/smart-mes");
        assertThat(rollback("--bucket", BUCKET).output()).contains("smart-mes/releases/build-1/smart-mes is missing");
        release("build-1", "the first native binary");
        before = current();
        raceOn = BUCKET + "/smart-mes/current"; // a build writes the pointer while the rollback runs
        Run raced = rollback("--bucket", BUCKET, "--release", "build-2");
        assertThat(raced.exitCode()).isNotZero();
        assertThat(raced.output()).contains("smart-mes/current changed while this ran", "smart-mes/current is unchanged");
        assertThat(current()).isEqualTo("written by someone else\n").isNotEqualTo(before);
        assertThat(Files.exists(dir.resolve("gcloud.log"))).as("no instance was replaced").isFalse();
    }

    record Run(int exitCode, String output) {
    }

    Run rollback(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", Path.of("deploy/rollback.sh").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("PATH", dir.resolve("bin") + ":/usr/local/bin:/usr/bin:/bin");
        env.put("MES_STORAGE_URL", "http://127.0.0.1:" + server.getAddress().getPort());
        env.put("MES_ACCESS_TOKEN", "ya29.stand-in");
        env.put("MES_HTTP_ATTEMPTS", "2");
        env.put("STUB_DIR", dir.toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), output);
    }

    // ---- running the script ----

    Boot boot() throws Exception {
        Files.deleteIfExists(systemctlLog);
        ProcessBuilder pb = new ProcessBuilder("bash", Path.of("deploy/startup-script.sh").toAbsolutePath().toString())
                .redirectErrorStream(true);
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        Map<String, String> env = pb.environment();
        env.put("PATH", dir.resolve("bin") + ":/usr/local/bin:/usr/bin:/bin");
        env.put("MES_ROOT", root.toString());
        env.put("MES_METADATA_URL", base + "/computeMetadata/v1");
        env.put("MES_SECRET_MANAGER_URL", base + "/v1");
        env.put("MES_STORAGE_URL", base);
        env.put("MES_PACKAGES_URL", base);
        env.put("MES_HTTP_ATTEMPTS", "4");
        env.put("MES_HTTP_BACKOFF", "0");
        env.put("STUB_DIR", dir.toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        List<String> calls = Files.exists(systemctlLog) ? Files.readAllLines(systemctlLog) : List.of();
        return new Boot(p.exitValue(), output, calls);
    }

    List<Path> installedFiles() throws IOException {
        try (var files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    void stubs() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        stub(bin, "systemctl", "echo \"$*\" >>\"$STUB_DIR/systemctl.log\"");
        stub(bin, "useradd", "touch \"$STUB_DIR/useradd.called\"");
        stub(bin, "id", "if [ -f \"$STUB_DIR/useradd.called\" ]; then echo 999; else exit 1; fi");
        stub(bin, "chown", "exit 0");
        stub(bin, "apt-get", "echo \"$*\" >>\"$STUB_DIR/apt-get.log\"");
        stub(bin, "google_cloud_ops_agent_engine", "exit 0");
        stub(bin, "gcloud", "echo \"$*\" >>\"$STUB_DIR/gcloud.log\"");
    }

    static void stub(Path bin, String name, String body) throws IOException {
        Path file = bin.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    // ---- the stand-ins ----

    boolean countAndMaybeRefuse(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        requests.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
        AtomicInteger left = unavailable.get(path);
        if (left != null && left.getAndDecrement() > 0) {
            answer(exchange, 503, "{\"error\":{\"code\":503,\"status\":\"UNAVAILABLE\"}}".getBytes(StandardCharsets.UTF_8));
            return true;
        }
        return false;
    }

    int requests(String prefix) {
        return requests.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToInt(e -> e.getValue().get()).sum();
    }

    void metadataServer(HttpExchange exchange) throws IOException {
        if (countAndMaybeRefuse(exchange)) {
            return;
        }
        if (!"Google".equals(exchange.getRequestHeaders().getFirst("Metadata-Flavor"))) {
            answer(exchange, 403, "Missing Metadata-Flavor:Google header.".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String path = exchange.getRequestURI().getPath().substring("/computeMetadata/v1/".length());
        if (path.equals("project/project-id")) {
            answer(exchange, 200, PROJECT.getBytes(StandardCharsets.UTF_8));
        } else if (path.equals("instance/service-accounts/default/token")) {
            answer(exchange, 200, "{\"access_token\":\"ya29.stand-in\",\"expires_in\":3599,\"token_type\":\"Bearer\"}".getBytes(StandardCharsets.UTF_8));
        } else if (path.startsWith("instance/attributes/") && metadata.containsKey(path.substring("instance/attributes/".length()))) {
            answer(exchange, 200, metadata.get(path.substring("instance/attributes/".length())).getBytes(StandardCharsets.UTF_8));
        } else {
            answer(exchange, 404, "Not Found".getBytes(StandardCharsets.UTF_8));
        }
    }

    void secretManager(HttpExchange exchange) throws IOException {
        if (countAndMaybeRefuse(exchange)) {
            return;
        }
        if (!"Bearer ya29.stand-in".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            answer(exchange, 401, "{\"error\":{\"code\":401,\"status\":\"UNAUTHENTICATED\"}}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String path = exchange.getRequestURI().getPath().substring("/v1/".length());
        String suffix = "/versions/latest:access";
        String name = path.endsWith(suffix) ? path.substring(0, path.length() - suffix.length()) : null;
        if (name != null && name.endsWith("/not-allowed")) {
            answer(exchange, 403, "{\"error\":{\"code\":403,\"status\":\"PERMISSION_DENIED\"}}".getBytes(StandardCharsets.UTF_8));
        } else if (name == null || !secrets.containsKey(name)) {
            answer(exchange, 404, ("{\"error\":{\"code\":404,\"message\":\"Secret Version [" + name
                    + "/versions/latest] not found or has no versions.\",\"status\":\"NOT_FOUND\"}}").getBytes(StandardCharsets.UTF_8));
        } else {
            String data = Base64.getEncoder().encodeToString(secrets.get(name));
            answer(exchange, 200, ("{\"name\":\"" + name + "/versions/1\",\"payload\":{\"data\":\"" + data + "\"}}").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The JSON API: an object's media (alt=media), its metadata, a listing by prefix. */
    void cloudStorage(HttpExchange exchange) throws IOException {
        if (countAndMaybeRefuse(exchange)) {
            return;
        }
        if (!"Bearer ya29.stand-in".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            answer(exchange, 401, "{\"error\":{\"code\":401,\"status\":\"UNAUTHENTICATED\"}}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String[] parts = exchange.getRequestURI().getRawPath().substring("/storage/v1/b/".length()).split("/o", 2);
        String bucket = parts[0];
        String rest = parts.length > 1 ? parts[1] : "";
        Map<String, String> query = query(exchange);
        if (rest.isEmpty()) { // list
            String prefix = query.getOrDefault("prefix", "");
            StringBuilder items = new StringBuilder();
            objects.keySet().stream().sorted().filter(k -> k.startsWith(bucket + "/" + prefix)).forEach(k -> items
                    .append(items.isEmpty() ? "" : ",").append("{\"name\":\"").append(k.substring(bucket.length() + 1))
                    .append("\",\"timeCreated\":\"").append(created.get(k)).append("\"}"));
            answer(exchange, 200, ("{\"kind\":\"storage#objects\",\"items\":[" + items + "]}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        String key = bucket + "/" + URLDecoder.decode(rest.substring(1), StandardCharsets.UTF_8);
        if (!objects.containsKey(key)) {
            answer(exchange, 404, "{\"error\":{\"code\":404,\"message\":\"No such object\"}}".getBytes(StandardCharsets.UTF_8));
        } else if (query.containsKey("ifGenerationMatch") && !query.get("ifGenerationMatch").equals(String.valueOf(generations.get(key)))) {
            answer(exchange, 412, "{\"error\":{\"code\":412,\"message\":\"Precondition Failed\"}}".getBytes(StandardCharsets.UTF_8));
        } else if ("media".equals(query.get("alt"))) {
            answer(exchange, 200, objects.get(key));
        } else {
            answer(exchange, 200, ("{\"kind\":\"storage#object\",\"name\":\"" + key.substring(bucket.length() + 1) + "\",\"generation\":\""
                    + generations.get(key) + "\",\"timeCreated\":\"" + created.get(key) + "\"}").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The JSON API's simple upload (uploadType=media), with its generation precondition. */
    void cloudStorageUpload(HttpExchange exchange) throws IOException {
        if (countAndMaybeRefuse(exchange)) {
            return;
        }
        if (!"Bearer ya29.stand-in".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            answer(exchange, 401, "{\"error\":{\"code\":401,\"status\":\"UNAUTHENTICATED\"}}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String bucket = exchange.getRequestURI().getRawPath().substring("/upload/storage/v1/b/".length()).split("/o", 2)[0];
        Map<String, String> query = query(exchange);
        byte[] body = exchange.getRequestBody().readAllBytes();
        String key = bucket + "/" + query.get("name");
        if (!"POST".equals(exchange.getRequestMethod()) || !"media".equals(query.get("uploadType")) || query.get("name") == null) {
            answer(exchange, 400, "{\"error\":{\"code\":400}}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (key.equals(raceOn)) {
            store(key, "written by someone else\n".getBytes(StandardCharsets.UTF_8));
            raceOn = null;
        }
        String match = query.get("ifGenerationMatch");
        long generation = generations.getOrDefault(key, 0L);
        if (match != null && Long.parseLong(match) != generation) {
            answer(exchange, 412, "{\"error\":{\"code\":412,\"message\":\"Precondition Failed\"}}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        store(key, body);
        answer(exchange, 200, ("{\"name\":\"" + query.get("name") + "\",\"generation\":\"" + generations.get(key) + "\"}")
                .getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> query = new java.util.HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                query.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String content) {
        return sha256(content.getBytes(StandardCharsets.UTF_8));
    }
}
