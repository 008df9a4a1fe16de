package mes.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
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
    static Path workspace(String mainTf) throws Exception {
        Path dir = Files.createTempDirectory("tf-validate");
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path schema = Path.of("src/test/resources/terraform/stand-in-schema.json").toAbsolutePath();
        Path executable = plugins.resolve("terraform-provider-google");
        Files.writeString(executable, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' -Xshare:auto"
                + " -XX:TieredStopAtLevel=1 -cp '" + System.getProperty("java.class.path") + "' " + StandInProvider.class.getName()
                + " '" + schema + "' registry.terraform.io/hashicorp/google\n");
        Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("cli.tfrc"), "provider_installation {\n  dev_overrides {\n    \"hashicorp/google\" = \""
                + plugins + "\"\n  }\n  direct {}\n}\n");
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("main.tf"), mainTf);
        return dir;
    }

    static Run validate(String mainTf) throws Exception {
        Path dir = workspace(mainTf);
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
}
