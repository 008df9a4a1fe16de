package mes.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * `terraform validate` against the stand-in provider, with no provider download and no init:
 * a configuration that fits the schema passes; a misspelled argument, a missing required one
 * and a block written as an attribute are each reported.
 */
class StandInProviderTest {

    record Run(int exit, String output) {
    }

    static Path terraform() {
        Path terraform = Path.of("/usr/local/bin/terraform");
        assumeTrue(Files.isExecutable(terraform), "terraform is not installed here; the offline checks are skipped");
        return terraform;
    }

    /** A working directory whose CLI configuration sends hashicorp/google to the stand-in with the test schema. */
    static final String SMALL = "src/test/resources/terraform/stand-in-schema.json";
    /** The google provider 6.50.0's schema of the resources the estate uses (CdktfSchemaExtractor). */
    static final String GOOGLE = "src/test/resources/terraform/google-6.50.0.schema.json";
    /** The google-beta provider 6.50.0's schema of the one beta resource the estate uses (the Pub/Sub service agent's identity). */
    static final String GOOGLE_BETA = "src/test/resources/terraform/google-beta-6.50.0.schema.json";

    static Path workspace(String mainTf, String schemaFile) throws Exception {
        Path dir = Files.createTempDirectory("tf-validate");
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        standIn(plugins, "google", Path.of(schemaFile));
        standIn(plugins, "google-beta", Path.of(GOOGLE_BETA));
        Files.writeString(dir.resolve("cli.tfrc"), "provider_installation {\n  dev_overrides {\n    \"hashicorp/google\" = \""
                + plugins + "\"\n    \"hashicorp/google-beta\" = \"" + plugins + "\"\n  }\n  direct {}\n}\n");
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("main.tf"), mainTf);
        return dir;
    }

    /** The executable Terraform starts for hashicorp/NAME: the stand-in serving a schema. */
    static void standIn(Path plugins, String name, Path schemaFile) throws Exception {
        Path executable = plugins.resolve("terraform-provider-" + name);
        Files.writeString(executable, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' -Xshare:auto"
                + " -XX:TieredStopAtLevel=1 -cp '" + System.getProperty("java.class.path") + "' " + StandInProvider.class.getName()
                + " '" + schemaFile.toAbsolutePath() + "' registry.terraform.io/hashicorp/" + name + "\n");
        Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    static Run validate(String mainTf) throws Exception {
        return validate(mainTf, SMALL);
    }

    static Run validate(String mainTf, String schemaFile) throws Exception {
        Path dir = workspace(mainTf, schemaFile);
        ProcessBuilder pb = new ProcessBuilder(terraform().toString(), "-chdir=" + dir.resolve("config"), "validate", "-no-color")
                .redirectErrorStream(true);
        pb.environment().put("TF_CLI_CONFIG_FILE", dir.resolve("cli.tfrc").toString());
        pb.environment().put("TF_IN_AUTOMATION", "1");
        pb.environment().remove("TF_LOG");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), output);
    }

    static final String PROVIDER = """
            terraform {
              required_providers {
                google = { source = "hashicorp/google" }
              }
            }
            provider "google" {
              project = "p"
            }
            """;

    @Test
    void aConfigurationThatFitsTheSchemaPasses() throws Exception {
        Run run = validate(PROVIDER + """
                resource "google_pubsub_topic" "sensor_data" {
                  name   = "sensor-data"
                  labels = { app = "smart-mes" }
                  schema_settings {
                    schema   = "projects/p/schemas/s"
                    encoding = "JSON"
                  }
                }
                """);
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("The configuration is valid");
    }

    @Test
    void misspelledMissingAndMisshapenArgumentsAreReported() throws Exception {
        Run run = validate(PROVIDER + """
                resource "google_pubsub_topic" "misspelled" {
                  name = "a"
                  lables = { app = "smart-mes" }
                }
                resource "google_pubsub_topic" "missing" {
                  labels = { app = "smart-mes" }
                }
                resource "google_pubsub_topic" "block_as_attribute" {
                  name            = "b"
                  schema_settings = { schema = "s" }
                }
                """);
        assertThat(run.exit()).isNotZero();
        assertThat(run.output()).contains("An argument named \"lables\" is not expected here",
                "The argument \"name\" is required", "An argument named \"schema_settings\" is not expected here");
    }

    static final String DATABASE = """
            variable "db_password" {
              type      = string
              sensitive = true
              ephemeral = true
            }
            resource "google_sql_database_instance" "default" {
              name                = "mes-db"
              database_version    = "POSTGRES_17"
              region              = "europe-west3"
              deletion_protection = true
              settings {
                tier                        = "db-custom-2-7680"
                availability_type           = "REGIONAL"
                deletion_protection_enabled = true
                ip_configuration {
                  ipv4_enabled = false
                  ssl_mode     = "ENCRYPTED_ONLY"
                  psc_config {
                    psc_enabled               = true
                    allowed_consumer_projects = ["p"]
                  }
                }
                backup_configuration {
                  enabled                        = true
                  start_time                     = "03:00"
                  point_in_time_recovery_enabled = true
                  transaction_log_retention_days = 7
                  backup_retention_settings {
                    retained_backups = 14
                  }
                }
                database_flags {
                  name  = "log_connections"
                  value = "on"
                }
              }
            }
            resource "google_sql_user" "app" {
              name                = "mes"
              instance            = google_sql_database_instance.default.name
              password_wo         = var.db_password
              password_wo_version = 1
            }
            output "connection" {
              value = google_sql_database_instance.default.connection_name
            }
            output "psc" {
              value = google_sql_database_instance.default.psc_service_attachment_link
            }
            """;

    @Test
    void theGoogleSchemaValidatesNestedBlocksComputedReferencesAndWriteOnlyArguments() throws Exception {
        Run ok = validate(PROVIDER + DATABASE, GOOGLE);
        assertThat(ok.exit()).as(ok.output()).isZero();
        Map<String, String> mistakes = Map.of(
                "point_in_time_recovery_enabled", "An argument named \"point_in_time_recovery_enabled_\" is not expected here",
                ".connection_name", "Did you mean \"connection_name\"?",
                "password_wo ", "Ephemeral values are not valid");
        for (Map.Entry<String, String> m : mistakes.entrySet()) {
            String broken = m.getKey().equals("password_wo ")
                    ? DATABASE.replace("password_wo         =", "password            =")
                    : DATABASE.replace(m.getKey(), m.getKey() + "_");
            Run bad = validate(PROVIDER + broken, GOOGLE);
            assertThat(bad.exit()).as(m.getKey()).isNotZero();
            assertThat(bad.output()).contains(m.getValue());
        }
    }
}
