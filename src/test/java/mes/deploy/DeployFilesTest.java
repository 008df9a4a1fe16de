package mes.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The VM install in deploy/: the startup script passes every shellcheck rule (--enable=all), the
 * systemd units are hardened and ordered, every setting the script writes for the
 * application is one the application documents, and Cloud Build's native builder is of the
 * line the native analysis checks.
 */
class DeployFilesTest {

    static final Path DEPLOY = Path.of("deploy");

    static String script() throws IOException {
        return Files.readString(DEPLOY.resolve("startup-script.sh"));
    }

    @Test
    void theStartupScriptPassesEveryShellcheckRule() throws Exception {
        Path shellcheck = Path.of("/usr/bin/shellcheck");
        boolean present = Files.isExecutable(shellcheck);
        if (!present && System.getenv("CI") != null) {
            throw new IllegalStateException("CI needs shellcheck: apt-get install -y shellcheck");
        }
        assumeTrue(present, "shellcheck is not installed (apt-get install -y shellcheck); skipped here");
        Path script = DEPLOY.resolve("startup-script.sh");
        Process p = new ProcessBuilder(shellcheck.toString(), "--shell=bash", "--enable=all", script.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();
    }

    @Test
    void theScriptStopsAtTheFirstFailureEvenInsideSubstitutions() throws Exception {
        assertThat(script()).startsWith("#!/bin/bash").contains("set -euo pipefail", "shopt -s inherit_errexit")
                .as("no shellcheck rule is switched off inside the script").doesNotContain("shellcheck disable");
    }

    @Test
    void theUnitsAreHardenedAndTheApplicationStartsAfterTheProxy() throws Exception {
        String app = Files.readString(DEPLOY.resolve("systemd/smart-mes.service"));
        String proxy = Files.readString(DEPLOY.resolve("systemd/cloud-sql-proxy.service"));
        for (String unit : new String[] {app, proxy}) {
            assertThat(unit).contains("NoNewPrivileges=true", "ProtectSystem=strict", "PrivateTmp=true",
                    "ProtectHome=true", "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX", "CapabilityBoundingSet=\n",
                    "WantedBy=multi-user.target");
            assertThat(unit).containsPattern("Restart=(always|on-failure)");
        }
        assertThat(app).contains("User=smart-mes", "After=cloud-sql-proxy.service", "StateDirectory=smart-mes", "LogsDirectory=smart-mes")
                .as("the application outlives a restart of the proxy (a new proxy binary), it reconnects")
                .doesNotContain("Requires=cloud-sql-proxy.service", "BindsTo=");
        assertThat(proxy).as("the proxy runs as a user of its own, which cannot read the application's credentials")
                .contains("DynamicUser=yes").doesNotContain("User=smart-mes");
        assertThat(proxy).contains("Before=smart-mes.service", "--address 127.0.0.1 --port 5432");
    }

    @Test
    void secretsReachTheApplicationAsCredentialsNeverThroughItsEnvironment() throws Exception {
        String app = Files.readString(DEPLOY.resolve("systemd/smart-mes.service"));
        String script = script();
        Set<String> loaded = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?m)^LoadCredential=([^:]+):/etc/smart-mes/credentials/(.+)$").matcher(app);
        while (m.find()) {
            assertThat(m.group(2)).isEqualTo(m.group(1));
            loaded.add(m.group(1));
        }
        assertThat(loaded).containsExactlyInAnyOrder("quarkus.datasource.password", "mes.security.bootstrap-admin.password",
                "quarkus.http.auth.session.encryption-key");
        for (String credential : loaded) {
            assertThat(script).as("the script fetches " + credential).contains("\"${STAGE}/credentials/" + credential + "\"");
        }
        assertThat(script).doesNotContainIgnoringCase("PASSWORD=").doesNotContain("ENCRYPTION_KEY=");
    }

    @Test
    void everySettingTheScriptWritesIsOneTheApplicationKnows() throws Exception {
        Set<String> written = new LinkedHashSet<>();
        Matcher m = Pattern.compile("echo \"([A-Z_]+)=").matcher(script());
        while (m.find()) {
            written.add(m.group(1));
        }
        assertThat(written).contains("QUARKUS_DATASOURCE_USERNAME", "MES_PUBSUB_SUBSCRIPTION", "INSTANCE_CONNECTION_NAME");
        String known = (Files.readString(Path.of("docs/CONFIGURATION.md")) + Files.readString(Path.of("src/main/resources/application.properties")))
                .toUpperCase(Locale.ROOT).replaceAll("[.\\-]", "_");
        for (String variable : written) {
            if (variable.equals("INSTANCE_CONNECTION_NAME") || variable.equals("QUARKUS_PROFILE")) {
                continue; // the proxy's, and Quarkus' own
            }
            assertThat(known).as(variable + " is a setting the application documents").contains(variable);
        }
    }

    @Test
    void theBuilderImageIsOfTheLineTheNativeAnalysisChecks() throws Exception {
        Matcher image = Pattern.compile("_BUILDER_IMAGE: \\S+mandrel-builder-image:jdk-(\\d+)").matcher(
                Files.readString(DEPLOY.resolve("cloudbuild.yaml")));
        Matcher svm = Pattern.compile("<svm.version>(\\d+)\\.").matcher(Files.readString(Path.of("pom.xml")));
        assertThat(image.find()).as("cloudbuild.yaml pins a Mandrel builder image by its JDK").isTrue();
        assertThat(svm.find()).as("pom.xml names the builder version NativeAnalysisIT runs").isTrue();
        assertThat(image.group(1)).as("Mandrel's JDK line (GraalVM for JDK N is N.0.x)").isEqualTo(svm.group(1));
    }

    @Test
    void theContainersLogToTheirStandardOutputNotToTheVmsLogFile() throws Exception {
        String properties = Files.readString(Path.of("src/main/resources/application.properties"));
        assertThat(properties).as("the prod profile logs to a file on the VM").contains("%prod.quarkus.log.file.enabled=true");
        for (String dockerfile : java.util.List.of("Dockerfile.native", "Dockerfile.jvm")) {
            String text = Files.readString(Path.of("src/main/docker", dockerfile));
            assertThat(text).as(dockerfile).contains("QUARKUS_LOG_FILE_ENABLED=false").contains("QUARKUS_LOG_CONSOLE_JSON_ENABLED=true");
        }
    }
}
