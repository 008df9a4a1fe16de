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
 * prod against a mocked provider), the policy rules, and the contract
 * between what Terraform passes to the VM and what the startup script and the application read.
 * Skipped where terraform is not installed; the policy and contract checks need only Java.
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
        for (String folder : new String[] {"terraform", "deploy"}) {
            try (Stream<Path> files = Files.walk(Path.of(folder))) {
                for (Path f : files.toList()) {
                    Path target = copy.resolve(f.toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(f, target);
                    }
                }
            }
        }
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
        assertThat(testOutput).contains("run \"dev\"... pass", "run \"prod\"... pass", "run \"bad_variables_are_refused\"... pass");
    }

    @Test
    void policyRules() throws Exception {
        String hcl = all();
        // CKV_GCP_2, CKV_GCP_3: no ingress from anywhere (SSH, RDP or otherwise)
        for (String rule : resources(hcl, "google_compute_firewall")) {
            if (rule.contains("\"INGRESS\"")) {
                assertThat(rule).as("ingress rule").doesNotContain("0.0.0.0/0");
            }
        }
        assertThat(hcl).containsPattern("iap_range\\s+= \"35.235.240.0/20\"");
        assertThat(resources(hcl, "google_compute_firewall")).anySatisfy(r -> assertThat(r).contains("# ssh_from_iap",
                "source_ranges = [local.iap_range]", "ports    = [\"22\"]"));
        String template = resources(hcl, "google_compute_instance_template").get(0);
        assertThat(template).as("CKV_GCP_32 project SSH keys blocked").containsPattern("block-project-ssh-keys\\s+= \"TRUE\"");
        assertThat(template).as("OS Login").containsPattern("enable-oslogin\\s+= \"TRUE\"");
        assertThat(template).as("CKV_GCP_39 Shielded VM").contains("enable_secure_boot          = true", "enable_vtpm                 = true",
                "enable_integrity_monitoring = true");
        assertThat(template).as("CKV_GCP_40 no external IP").doesNotContainPattern("access_config\\s*\\{");
        assertThat(template).as("CKV_GCP_30 not the default service account").contains("email  = google_service_account.app.email");
        String sql = resources(hcl, "google_sql_database_instance").get(0);
        assertThat(sql).as("CKV_GCP_60 no public IP").contains("ipv4_enabled = false");
        assertThat(sql).as("CKV_GCP_6 TLS only").contains("ssl_mode     = \"ENCRYPTED_ONLY\"");
        assertThat(sql).as("CKV_GCP_14 backups, with point-in-time recovery").contains("enabled                        = true",
                "start_time                     = \"03:00\"", "point_in_time_recovery_enabled = true");
        assertThat(sql).as("deletion protection in Terraform and in the API").contains("deletion_protection = true",
                "deletion_protection_enabled = true");
        assertThat(sql).as("logging and audit flags").contains("\"log_connections\"", "\"log_disconnections\"", "\"log_checkpoints\"",
                "\"log_lock_waits\"", "\"log_temp_files\"", "\"log_min_duration_statement\"", "\"cloudsql.enable_pgaudit\"");
        for (String bucket : resources(hcl, "google_storage_bucket")) {
            assertThat(bucket).as("CKV_GCP_29 uniform access").contains("uniform_bucket_level_access = true");
            assertThat(bucket).as("CKV_GCP_114 public access prevention").contains("public_access_prevention    = \"enforced\"");
            // CKV_GCP_78 versioning, except where a retention policy makes objects immutable (they cannot be combined)
            assertThat(bucket.contains("versioning {") != bucket.contains("retention_policy {")).as(bucket.lines().findFirst().get()).isTrue();
        }
        assertThat(resources(hcl, "google_storage_bucket")).anySatisfy(b -> assertThat(b).contains("# records", "is_locked        = local.prod"));
        String subscription = resources(hcl, "google_pubsub_subscription").stream().filter(s -> s.startsWith("# sensor_data")).findFirst()
                .orElseThrow();
        assertThat(subscription).as("dead-letter topic, exactly once, ordering, retries").contains("dead_letter_policy {",
                "enable_exactly_once_delivery = true", "enable_message_ordering      = true", "retry_policy {");
        assertThat(hcl).as("no secret value in the configuration").doesNotContainPattern("(?i)password\\s*=\\s*\"");
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
