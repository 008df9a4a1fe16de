package mes.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The VM install in deploy/: the startup script as terraform renders it passes shellcheck, the
 * systemd units are hardened and ordered, and every setting the script writes for the
 * application is one the application documents.
 */
class DeployFilesTest {

    static final Path DEPLOY = Path.of("deploy");

    /** What terraform's templatefile() does with this template: fill the variables, unescape the shell's $${ and %%{. */
    static String render(String template, Map<String, String> vars) {
        Matcher m = Pattern.compile("(?<!\\$)\\$\\{([a-z0-9_]+)}").matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = vars.get(m.group(1));
            if (value == null) {
                throw new AssertionError("the template uses ${" + m.group(1) + "}, which terraform does not pass");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString().replace("$${", "${").replace("%%{", "%{");
    }

    static String rendered() throws IOException {
        return render(Files.readString(DEPLOY.resolve("startup-script.sh.tftpl")), Map.of(
                "proxy_version", "2.14.1",
                "proxy_sha256", "0".repeat(64),
                "app_unit", Files.readString(DEPLOY.resolve("systemd/smart-mes.service")),
                "proxy_unit", Files.readString(DEPLOY.resolve("systemd/cloud-sql-proxy.service"))));
    }

    @Test
    void theRenderedStartupScriptPassesShellcheck() throws Exception {
        Path shellcheck = Path.of("/usr/bin/shellcheck");
        boolean present = Files.isExecutable(shellcheck);
        if (!present && System.getenv("CI") != null) {
            throw new IllegalStateException("CI needs shellcheck: apt-get install -y shellcheck");
        }
        assumeTrue(present, "shellcheck is not installed (apt-get install -y shellcheck); skipped here");
        Path script = Files.createTempFile("startup-script", ".sh");
        Files.writeString(script, rendered());
        Process p = new ProcessBuilder(shellcheck.toString(), "--shell=bash", "--severity=style", script.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();
    }

    @Test
    void theTemplateUsesOnlyTheVariablesTerraformPassesAndInstallsBothUnits() throws Exception {
        String script = rendered();
        assertThat(script).startsWith("#!/bin/bash").contains("set -euo pipefail")
                .contains("ExecStart=/opt/smart-mes/smart-mes").contains("ExecStart=/usr/local/bin/cloud-sql-proxy --psc")
                .doesNotContain("$${");
        assertThat(script).as("the binary and the proxy are verified before they are installed")
                .contains("\"$actual\" != \"$expected\"").contains("!= \"$PROXY_SHA256\"");
    }

    @Test
    void theUnitsAreHardenedAndTheApplicationStartsAfterTheProxy() throws Exception {
        String app = Files.readString(DEPLOY.resolve("systemd/smart-mes.service"));
        String proxy = Files.readString(DEPLOY.resolve("systemd/cloud-sql-proxy.service"));
        for (String unit : new String[] {app, proxy}) {
            assertThat(unit).contains("User=smart-mes", "NoNewPrivileges=true", "ProtectSystem=strict", "PrivateTmp=true",
                    "ProtectHome=true", "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX", "CapabilityBoundingSet=\n",
                    "WantedBy=multi-user.target");
            assertThat(unit).containsPattern("Restart=(always|on-failure)");
        }
        assertThat(app).contains("Requires=cloud-sql-proxy.service", "After=cloud-sql-proxy.service", "StateDirectory=smart-mes");
        assertThat(proxy).contains("Before=smart-mes.service", "--address 127.0.0.1 --port 5432");
    }

    @Test
    void everySettingTheScriptWritesIsOneTheApplicationKnows() throws Exception {
        Set<String> written = new LinkedHashSet<>();
        Matcher m = Pattern.compile("echo \"([A-Z_]+)=").matcher(rendered());
        while (m.find()) {
            written.add(m.group(1));
        }
        assertThat(written).contains("QUARKUS_DATASOURCE_PASSWORD", "MES_PUBSUB_SUBSCRIPTION", "INSTANCE_CONNECTION_NAME");
        String known = (Files.readString(Path.of("docs/CONFIGURATION.md")) + Files.readString(Path.of("src/main/resources/application.properties")))
                .toUpperCase(Locale.ROOT).replaceAll("[.\\-]", "_");
        for (String variable : written) {
            if (variable.equals("INSTANCE_CONNECTION_NAME") || variable.equals("QUARKUS_PROFILE")) {
                continue; // the proxy's, and Quarkus' own
            }
            assertThat(known).as(variable + " is a setting the application documents").contains(variable);
        }
    }
}
