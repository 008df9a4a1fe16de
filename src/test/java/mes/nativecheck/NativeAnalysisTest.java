package mes.nativecheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What NativeAnalysis does in the launcher's place: its options and each jar's configuration, as the builder's. */
class NativeAnalysisTest {

    @Test
    void theLaunchersOptionsBecomeTheBuildersAndTheJvmsOwn() {
        List<String> jvm = new ArrayList<>();
        List<String> builder = new ArrayList<>();
        NativeAnalysis.translate(List.of("-J-Dfile.encoding=UTF-8", "--features=a.F,b.G", "--initialize-at-run-time=x.Y,z",
                "--initialize-at-build-time=p.Q", "--link-at-build-time", "--no-fallback", "--enable-url-protocols=http,https",
                "--enable-monitoring=heapdump", "-H:+AllowFoldMethods", "--exclude-config", "jar", "res", "--add-opens=java.base/java.io=ALL-UNNAMED"),
                jvm, builder);
        assertThat(jvm).containsExactly("-Dfile.encoding=UTF-8", "--add-opens=java.base/java.io=ALL-UNNAMED");
        assertThat(builder).containsExactly("-H:Features=a.F,b.G", "-H:ClassInitialization=x.Y:run_time", "-H:ClassInitialization=z:run_time",
                "-H:ClassInitialization=p.Q:build_time", "-H:LinkAtBuildTime=", "-H:FallbackThreshold=0", "-H:EnableURLProtocols=http,https",
                "-H:EnableMonitoringFeatures=heapdump", "-H:+AllowFoldMethods");
    }

    @Test
    void anOptionItDoesNotKnowIsRefusedNotDropped() {
        assertThatThrownBy(() -> NativeAnalysis.translate(List.of("--pgo"), new ArrayList<>(), new ArrayList<>()))
                .hasMessageContaining("--pgo");
    }

    @Test
    void eachJarsConfigurationFilesAreReadAsTheLauncherReadsThemExceptTheExcluded(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("io.netty.netty-codec-4.1.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String name : List.of("META-INF/native-image/io.netty/netty-codec/reflect-config.json",
                    "META-INF/native-image/io.netty/netty-codec/generated/handlers/reflect-config.json",
                    "META-INF/native-image/io.netty/netty-codec/resource-config.json",
                    "META-INF/native-image/io.netty/netty-codec/reachability-metadata.json",
                    "META-INF/native-image/io.netty/netty-codec/native-image.properties", "io/netty/Codec.class")) {
                out.putNextEntry(new JarEntry(name));
                out.write("{}".getBytes(StandardCharsets.UTF_8));
            }
        }
        List<String[]> excluded = NativeAnalysis.excludedConfigurations(List.of("--no-fallback", "--exclude-config", "io\\.netty\\.netty-codec",
                "/META-INF/native-image/io\\.netty/netty-codec/generated/handlers/reflect-config\\.json"));
        assertThat(NativeAnalysis.configurationResources(List.of(jar.toString()), excluded)).containsExactlyInAnyOrder(
                "-H:ReflectionConfigurationResources=META-INF/native-image/io.netty/netty-codec/reflect-config.json",
                "-H:ResourceConfigurationResources=META-INF/native-image/io.netty/netty-codec/resource-config.json",
                "-H:ReachabilityMetadataResources=META-INF/native-image/io.netty/netty-codec/reachability-metadata.json");
        assertThat(NativeAnalysis.configurationResources(List.of(jar.toString()), List.of()))
                .contains("-H:ReflectionConfigurationResources=META-INF/native-image/io.netty/netty-codec/generated/handlers/reflect-config.json");
    }

    @Test
    void aJarsNativeImagePropertiesAreItsOptionsWithItsFolderForDollarDot(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("lib.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/native-image/g/a/native-image.properties"));
            try (OutputStream o = new java.io.FilterOutputStream(out) {
                @Override
                public void close() {
                    // the jar stream stays open
                }
            }) {
                o.write("Args = --initialize-at-run-time=a.B,\\\n  c.D -H:ConfigurationFileDirectories=${.}/conf\n".getBytes(StandardCharsets.UTF_8));
            }
        }
        assertThat(NativeAnalysis.jarOptions(jar)).containsExactly("--initialize-at-run-time=a.B,c.D",
                "-H:ConfigurationFileDirectories=" + dir + "/conf");
    }
}
