package mes.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Proves that every rule of terraform/tests/policy.tftest.hcl can fail. Each mutation breaks
 * one guarded setting in a copy of the estate in a way a text search cannot see: the setting's
 * value becomes {@code local.mutation}, defined in another file, and the original line stays in
 * a comment beside it. `terraform test` of the policy file must then fail on exactly the rules
 * the mutations name (by their CIS or Checkov id), and on no other.
 *
 * <p>The unmutated estate passing the same rules is TerraformEstateTest's part.
 */
class PolicyMutationTest {

    /**
     * @param file the file in terraform/
     * @param line the exact line to break (its first occurrence)
     * @param value the HCL value local.mutation gets
     * @param insert true: the line is not replaced but {@code anchor} is kept and {@code line} with
     *     local.mutation is added after it
     * @param rules the ids of the rules that must fail, and only those
     */
    record Mutation(String file, String line, String value, String anchor, Set<String> rules) {
        static Mutation replace(String file, String line, String value, String... rules) {
            return new Mutation(file, line, value, null, Set.of(rules));
        }

        static Mutation add(String file, String anchor, String line, String value, String... rules) {
            return new Mutation(file, line, value, anchor, Set.of(rules));
        }

        /** The line of the file this mutation changes or adds after. */
        String target() {
            return anchor == null ? line : anchor;
        }
    }

    static final List<Mutation> MUTATIONS = List.of(
            Mutation.replace("network.tf", "    flow_sampling        = 1.0", "0.5", "CKV_GCP_26"),
            Mutation.replace("network.tf", "  source_ranges = [local.iap_range]", "[\"0.0.0.0/0\"]", "CKV_GCP_2", "MES-SSH-IAP"),
            Mutation.replace("compute.tf", "    block-project-ssh-keys    = \"TRUE\"", "\"FALSE\"", "CKV_GCP_32"),
            Mutation.replace("compute.tf", "    enable-oslogin            = \"TRUE\"", "\"FALSE\"", "CIS 4.4"),
            Mutation.add("compute.tf", "    enable-oslogin            = \"TRUE\"", "    serial-port-enable        = local.mutation", "\"TRUE\"",
                    "CKV_GCP_35"),
            Mutation.add("compute.tf", "  tags         = [local.app_tag]", "  can_ip_forward = local.mutation", "true", "CKV_GCP_36"),
            Mutation.replace("compute.tf", "    enable_secure_boot          = true", "false", "CKV_GCP_39"),
            Mutation.add("compute.tf", "    subnetwork = google_compute_subnetwork.app.id",
                    "    dynamic \"access_config\" {\n      for_each = local.mutation\n      content {}\n    }", "[1]", "CKV_GCP_40"),
            Mutation.replace("compute.tf", "    email  = google_service_account.app.email", "\"123456789012-compute@developer.gserviceaccount.com\"",
                    "CKV_GCP_30"),
            Mutation.replace("compute.tf", "    health_check      = google_compute_region_health_check.app_live.id",
                    "google_compute_region_health_check.app.id", "MES-AUTOHEAL-LIVE"),
            Mutation.replace("compute.tf", "    request_path = local.health_path", "\"/q/health/live\"", "MES-LB-READY"),
            Mutation.replace("compute.tf", "    max_surge_fixed       = 3", "1", "MES-ROLLOUT"),
            Mutation.replace("lb.tf", "  min_tls_version = \"TLS_1_2\"", "\"TLS_1_0\"", "CIS 3.9"),
            Mutation.replace("lb.tf", "            percentage  = 100", "0", "MES-NO-PUBLIC-Q"),
            Mutation.replace("lb.tf", "    sample_rate = 1.0", "0.1", "MES-LB-LOG"),
            Mutation.replace("cloudsql.tf", "      ipv4_enabled = false", "true", "CKV_GCP_60"),
            Mutation.replace("cloudsql.tf", "      ssl_mode     = \"ENCRYPTED_ONLY\"", "\"ALLOW_UNENCRYPTED_AND_ENCRYPTED\"", "CKV_GCP_6"),
            Mutation.replace("cloudsql.tf", "      point_in_time_recovery_enabled = true", "false", "CKV_GCP_14"),
            Mutation.replace("cloudsql.tf", "  deletion_protection = true", "false", "MES-SQL-DELETION"),
            Mutation.replace("cloudsql.tf", "    \"log_connections\"            = \"on\"", "\"off\"", "CKV_GCP_52"),
            Mutation.replace("cloudsql.tf", "    \"log_disconnections\"         = \"on\"", "\"off\"", "CKV_GCP_53"),
            Mutation.replace("cloudsql.tf", "    \"log_statement\"              = \"ddl\"", "\"none\"", "CIS 6.2.4"),
            Mutation.replace("cloudsql.tf", "    \"log_hostname\"               = \"on\"", "\"off\"", "CIS 6.2.5"),
            Mutation.replace("cloudsql.tf", "    \"log_min_messages\"           = \"warning\"", "\"error\"", "CIS 6.2.6"),
            Mutation.replace("cloudsql.tf", "    \"log_min_error_statement\"    = \"error\"", "\"panic\"", "CIS 6.2.7"),
            Mutation.replace("cloudsql.tf", "    \"log_min_duration_statement\" = \"-1\"", "\"1000\"", "CKV_GCP_57"),
            Mutation.replace("cloudsql.tf", "    \"cloudsql.enable_pgaudit\"    = \"on\"", "\"off\"", "CIS 6.2.9"),
            Mutation.replace("cloudsql.tf", "    \"log_temp_files\"             = \"0\"", "\"-1\"", "CKV_GCP_56"),
            Mutation.replace("storage.tf", "  uniform_bucket_level_access = true", "false", "CKV_GCP_29"),
            Mutation.replace("storage.tf", "  public_access_prevention    = \"enforced\"", "\"inherited\"", "CKV_GCP_114"),
            Mutation.replace("storage.tf", "    log_bucket        = google_storage_bucket.access_logs.name", "\"some-other-bucket\"", "CKV_GCP_62"),
            Mutation.replace("storage.tf", "    enabled = true", "false", "CKV_GCP_78"),
            Mutation.replace("storage.tf", "  noncurrent_days = 30", "0", "MES-NONCURRENT"),
            Mutation.replace("secrets.tf", "  secret_data_wo_version = local.secrets.session_key.version", "0", "MES-SECRET-VERSIONS"),
            Mutation.replace("pubsub.tf", "  member = google_project_service_identity.pubsub.member",
                    "\"serviceAccount:service-123456789012@gcp-sa-pubsub.iam.gserviceaccount.com\"", "MES-PUBSUB-AGENT"),
            Mutation.replace("monitoring.tf",
                    "  filter = \"resource.type = \\\"gce_instance\\\" AND logName = \\\"projects/${var.project_id}/logs/smart-mes\\\" AND severity >= ERROR\"",
                    "\"resource.type = \\\"gce_instance\\\" AND severity >= ERROR\"", "MES-ERROR-LOG"),
            Mutation.replace("monitoring.tf", "      duration  = \"0s\"", "\"300s\"", "MES-ALERT-COUNTS"),
            Mutation.replace("monitoring.tf", "      status_value = var.iap.enabled ? 302 : 200", "302", "MES-UPTIME"),
            Mutation.replace("monitoring.tf", "      status_value = var.iap.enabled ? 302 : 200", "200", "MES-UPTIME-IAP"));

    static final Pattern RULE_ID = Pattern.compile("^(CKV_GCP_\\d+|CIS [\\d.]+|MES-[A-Z0-9-]+)");

    @Test
    void everyRuleFailsWhenItsSettingIsBrokenAndNoOtherRuleDoes() throws Exception {
        Path terraform = StandInProviderTest.terraform();
        String policy = Files.readString(Path.of("terraform/tests/policy.tftest.hcl"));
        Set<String> allRules = new TreeSet<>();
        Matcher ids = Pattern.compile("error_message = \"((?:CKV_GCP_\\d+|CIS [\\d.]+|MES-[A-Z0-9-]+))").matcher(policy);
        while (ids.find()) {
            allRules.add(ids.group(1));
        }
        Set<String> mutated = new TreeSet<>();
        MUTATIONS.forEach(m -> mutated.addAll(m.rules()));
        Set<String> unproven = new TreeSet<>(allRules);
        unproven.removeAll(mutated);
        assertThat(unproven).as("every rule of policy.tftest.hcl has a mutation that makes it fail").isEmpty();

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> runs = new ArrayList<>();
            for (List<Mutation> batch : batches(MUTATIONS, BATCH)) {
                runs.add(pool.submit(() -> check(terraform, batch)));
            }
            List<String> problems = new ArrayList<>();
            for (Future<String> run : runs) {
                String problem = run.get(10, TimeUnit.MINUTES);
                if (problem != null) {
                    problems.add(problem);
                }
            }
            assertThat(problems).as("mutations the policy did not catch as expected").isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Mutations per copy of the estate. A plan of the estate costs about 20 s here (two stand-in
     * providers start several times), so the mutations are applied a few at a time: each batch
     * breaks different lines and names different rules, and the rules that fail must be exactly
     * the union of those its mutations name. (Run one at a time, with BATCH = 1, each mutation
     * failed exactly its own rules: the run recorded in docs/DEPLOYMENT.md.)
     */
    static final int BATCH = Integer.getInteger("mes.policy-mutations.batch", 6);

    static List<List<Mutation>> batches(List<Mutation> mutations, int size) {
        List<List<Mutation>> batches = new ArrayList<>();
        for (Mutation m : mutations) {
            List<Mutation> home = batches.stream()
                    .filter(b -> b.size() < size && b.stream().noneMatch(o -> o.target().equals(m.target()) && o.file().equals(m.file())))
                    .findFirst().orElse(null);
            if (home == null) {
                home = new ArrayList<>();
                batches.add(home);
            }
            home.add(m);
        }
        return batches;
    }

    /** Runs the policy on a copy with a batch of mutations; answers what is wrong, or null. */
    static String check(Path terraform, List<Mutation> batch) throws Exception {
        Path dir = StandInProviderTest.workspace("", StandInProviderTest.GOOGLE);
        Path copy = dir.resolve("estate");
        copyEstate(copy);
        StringBuilder locals = new StringBuilder("locals {\n");
        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < batch.size(); i++) {
            Mutation m = batch.get(i);
            String name = "local.mutation_" + i;
            Path file = copy.resolve("terraform").resolve(m.file());
            String text = Files.readString(file);
            String target = m.target();
            int at = text.indexOf(target + "\n");
            if (at < 0) {
                return m + ": the line is not in " + m.file() + " (did the estate change? update the mutation)";
            }
            String indent = target.substring(0, target.length() - target.stripLeading().length());
            String broken;
            if (m.anchor() == null) {
                String key = m.line().substring(0, m.line().indexOf('=') + 1);
                broken = indent + "# mutation, the original: " + m.line().strip() + "\n" + key + " " + name + "\n";
            } else {
                broken = target + "\n" + indent + "# mutation, added\n" + m.line().replace("local.mutation", name) + "\n";
            }
            Files.writeString(file, text.substring(0, at) + broken + text.substring(at + target.length() + 1));
            locals.append("  mutation_").append(i).append(" = ").append(m.value()).append('\n');
            expected.addAll(m.rules());
        }
        Files.writeString(copy.resolve("terraform/mutation.tf"), locals.append("}\n").toString());

        ProcessBuilder pb = new ProcessBuilder(terraform.toString(), "-chdir=" + copy.resolve("terraform"), "test", "-no-color",
                "-filter=tests/policy.tftest.hcl").redirectErrorStream(true);
        pb.environment().put("TF_CLI_CONFIG_FILE", dir.resolve("cli.tfrc").toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return batch + ": terraform test did not finish";
        }
        Set<String> failed = failedRules(output);
        if (p.exitValue() == 0 || !failed.equals(expected)) {
            return batch + ": expected exactly " + expected + " to fail, failed " + failed + " (exit " + p.exitValue() + ")\n" + output;
        }
        return null;
    }

    /** The ids of the failed assertions in terraform test's output (each error message starts with its id). */
    static Set<String> failedRules(String output) {
        Set<String> failed = new TreeSet<>();
        for (String block : output.split("Error: ")) {
            if (!block.startsWith("Test assertion failed")) {
                continue;
            }
            for (String line : block.split("\n")) {
                Matcher id = RULE_ID.matcher(line.strip());
                if (id.find()) {
                    failed.add(id.group(1));
                    break;
                }
            }
        }
        return failed;
    }

    static void copyEstate(Path copy) throws Exception {
        for (String folder : new String[] {"terraform", "deploy"}) {
            try (Stream<Path> files = Files.walk(Path.of(folder))) {
                for (Path f : files.toList()) {
                    if (f.toString().contains(".terraform")) {
                        continue;
                    }
                    Path target = copy.resolve(f.toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(f, target);
                    }
                }
            }
        }
    }
}
