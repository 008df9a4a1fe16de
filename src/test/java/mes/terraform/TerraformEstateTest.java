package mes.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Google Cloud estate in terraform/, checked offline: formatted, valid against the google
 * provider 6.50.0's schema (through the stand-in provider), `terraform test` (plans for dev and
 * prod against a mocked provider, and the policy rules of tests/policy.tftest.hcl on the planned
 * values, which PolicyMutationTest proves can fail), and the contract
 * between what Terraform passes to the VM and what the startup script and the application read.
 * Skipped where terraform is not installed; the contract check needs only Java.
 */
class TerraformEstateTest {

    static final Path TERRAFORM = Path.of("terraform");

    static String all() throws Exception {
        StringBuilder out = new StringBuilder();
        try (Stream<Path> files = Files.list(TERRAFORM)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".tf")).sorted().toList()) {
                out.append(Files.readString(f)).append('\n');
            }
        }
        return out.toString();
    }

    /** The bodies of the resources of a type, by brace matching. */
    static List<String> resources(String hcl, String type) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("resource \"" + type + "\" \"(\\w+)\" \\{").matcher(hcl);
        while (m.find()) {
            int depth = 1;
            int i = m.end();
            while (depth > 0) {
                char c = hcl.charAt(i++);
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            }
            out.add("# " + m.group(1) + "\n" + hcl.substring(m.end(), i - 1));
        }
        return out;
    }

    @Test
    void formattedValidAndItsPlansHoldTheirAssertions() throws Exception {
        Path terraform = StandInProviderTest.terraform();
        Process fmt = new ProcessBuilder(terraform.toString(), "fmt", "-check", "-recursive", "-diff", TERRAFORM.toString())
                .redirectErrorStream(true).start();
        String fmtOutput = new String(fmt.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(fmt.waitFor()).as("terraform fmt -check:\n" + fmtOutput).isZero();

        Path dir = StandInProviderTest.workspace("", StandInProviderTest.GOOGLE);
        Path copy = dir.resolve("estate");
        PolicyMutationTest.copyEstate(copy);
        ProcessBuilder pb = new ProcessBuilder(terraform.toString(), "-chdir=" + copy.resolve("terraform"), "validate", "-no-color")
                .redirectErrorStream(true);
        pb.environment().put("TF_CLI_CONFIG_FILE", dir.resolve("cli.tfrc").toString());
        Process validate = pb.start();
        String output = new String(validate.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(validate.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(validate.exitValue()).as(output).isZero();
        assertThat(output).contains("The configuration is valid");

        // terraform test: dev and prod plans against the mocked provider, the stand-in giving the schema
        ProcessBuilder test = new ProcessBuilder(terraform.toString(), "-chdir=" + copy.resolve("terraform"), "test", "-no-color")
                .redirectErrorStream(true);
        test.environment().put("TF_CLI_CONFIG_FILE", dir.resolve("cli.tfrc").toString());
        Process tests = test.start();
        String testOutput = new String(tests.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tests.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(tests.exitValue()).as(testOutput).isZero();
        assertThat(testOutput).contains("run \"dev\"... pass", "run \"prod\"... pass", "run \"bad_variables_are_refused\"... pass",
                "run \"weak_secrets_are_refused\"... pass", "run \"a_zone_outside_the_region_and_a_key_elsewhere_are_refused\"... pass",
                "run \"cmek_and_iam_database_authentication\"... pass", "run \"policy\"... pass", "run \"policy_with_iap\"... pass");
    }

    @Test
    void whatTerraformPassesIsWhatTheVmAndTheApplicationRead() throws Exception {
        String hcl = all();
        Set<String> passed = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\s+(mes-[a-z0-9-]+)\\s+=").matcher(resources(hcl, "google_compute_instance_template").get(0));
        while (m.find()) {
            passed.add(m.group(1));
        }
        String script = Files.readString(Path.of("deploy/startup-script.sh"));
        Set<String> read = new TreeSet<>();
        Matcher r = Pattern.compile("(?:attribute|required|required_file) (mes-[a-z0-9-]+)").matcher(script);
        while (r.find()) {
            read.add(r.group(1));
        }
        Set<String> optional = Set.of("mes-release", "mes-push-audience");
        Set<String> requiredRead = new TreeSet<>(read);
        requiredRead.removeAll(optional);
        assertThat(passed).as("metadata the startup script reads").containsAll(requiredRead);
        assertThat(read).as("metadata Terraform sets").containsAll(passed);
        assertThat(read).contains("mes-unit-smart-mes", "mes-unit-cloud-sql-proxy", "mes-ops-agent-config", "mes-proxy-sha256");

        String properties = Files.readString(Path.of("src/main/resources/application.properties"));
        assertThat(properties).contains("quarkus.http.port=8080");
        assertThat(hcl).containsPattern("app_port\\s+= 8080").containsPattern("health_path\\s+= \"/q/health/ready\"");
        assertThat(hcl).as("the database name the VM is told").contains("name     = \"mes\"");
    }
}
