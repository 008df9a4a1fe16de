package mes.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mes.support.PackagedApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged application started the way deploy/systemd/smart-mes.service starts it on the VM:
 * the prod profile, the plain settings in the environment, the secrets only as systemd
 * credentials (files in $CREDENTIALS_DIRECTORY named after their settings), with characters an
 * EnvironmentFile would have read differently; and its JSON log as the Ops Agent parses it
 * (deploy/ops-agent.yaml: the level, and the timestamp in the agent's time format).
 */
class PackagedAppAsTheVmRunsItIT {

    static final String DB_PASSWORD = "db \"pa'ss\\word\" $HOME `id` #1";
    static final String ADMIN_PASSWORD = "Grün 'Wälder' \\ \"$PATH\" #7";
    /** The Ops Agent's time_format %Y-%m-%dT%H:%M:%S.%L%z, in Java's terms. */
    static final DateTimeFormatter OPS_AGENT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    @TempDir
    Path credentials;
    EmbeddedPostgres postgres;
    PackagedApp app;

    @BeforeEach
    void database() throws Exception {
        assumeTrue(PackagedApp.packaged(), "package the application first (./mvnw verify does)");
        postgres = EmbeddedPostgres.builder().setServerConfig("timezone", "UTC").start();
        String jdbcUrl = PackagedApp.database(postgres);
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER ROLE mes PASSWORD '" + DB_PASSWORD.replace("'", "''") + "'");
        }
        app = new PackagedApp(jdbcUrl, Map.of("mes.reports.enabled", "false"))
                .environment("QUARKUS_DATASOURCE_PASSWORD", null)
                .environment("MES_SECURITY_BOOTSTRAP_ADMIN_PASSWORD", null)
                .environment("QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY", null)
                .environment("CREDENTIALS_DIRECTORY", credentials.toString());
        Files.writeString(credentials.resolve("quarkus.datasource.password"), DB_PASSWORD);
        Files.writeString(credentials.resolve("mes.security.bootstrap-admin.password"), ADMIN_PASSWORD + "\n");
        Files.writeString(credentials.resolve("quarkus.http.auth.session.encryption-key"), "k9".repeat(24));
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void theSecretsArriveAsCredentialsByteForByteAndTheLogIsWhatTheOpsAgentParses() throws Exception {
        app.start(); // ready: signed in to the database with the credential's password

        HttpClient http = HttpClient.newHttpClient();
        String basic = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> me = http.send(HttpRequest.newBuilder(URI.create(app.base() + "/api/v1/machines"))
                .header("Authorization", "Basic " + basic).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(me.statusCode()).as("the administrator signs in with the password from the credential").isEqualTo(200);
        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create(app.base() + "/api/v1/machines"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:mes".getBytes(StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(401);

        List<JsonNode> entries = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(app.jsonLog())) {
            entries.add(json.readTree(line)); // every line one JSON object
        }
        assertThat(entries).isNotEmpty();
        for (JsonNode entry : entries) {
            assertThat(Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL")).contains(entry.path("level").asText());
            OffsetDateTime time = OffsetDateTime.parse(entry.path("timestamp").asText(), OPS_AGENT_TIME);
            assertThat(time.getOffset().getTotalSeconds()).isZero();
            assertThat(entry.path("message").asText()).isNotNull();
        }
        assertThat(entries).anySatisfy(e -> assertThat(e.path("message").asText()).contains("started in"));
        String everything = Files.readString(app.jsonLog()) + Files.readString(app.log());
        assertThat(everything).as("no secret is logged").doesNotContain(DB_PASSWORD, ADMIN_PASSWORD, "k9k9k9k9");
    }

    @Test
    void anEmptyCredentialStopsTheStartWithTheFileNamed() throws Exception {
        Files.writeString(credentials.resolve("quarkus.datasource.password"), "");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(app::start)).hasMessageContaining("the application stopped");
        assertThat(Files.readString(app.log())).contains("credential", "quarkus.datasource.password", "is empty");
    }
}
