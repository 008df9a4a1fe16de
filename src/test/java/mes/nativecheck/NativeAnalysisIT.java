package mes.nativecheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import mes.nativecheck.fixture.ThreadAtBuildTime;
import mes.nativecheck.fixture.UnresolvedType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The native image's analysis on this machine (docs/DEPLOYMENT.md, "The native half"): the
 * builder from Maven Central (target/svm, copied by the build) on the Temurin 25 JDK, stopped
 * after its analysis. That it fails on the classic native defects is proven on two small
 * fixtures; the whole application is analysed when Quarkus has written its native sources
 * (target/native-sources), which the documented command does:
 *
 * <pre>
 * ./mvnw verify -Dnative-analysis
 * </pre>
 *
 * Skipped where there is no JDK 25 (mes.native.jdk, by default Temurin's).
 */
class NativeAnalysisIT {

    private static final Path JDK = Path.of(System.getProperty("mes.native.jdk", "/usr/lib/jvm/temurin-25-jdk-amd64"));
    private static final Path TARGET = Path.of("target");
    private static final Path SVM = TARGET.resolve("svm");
    private static final Path WORK = TARGET.resolve("native-analysis");

    @BeforeAll
    static void builderPresent() {
        assumeTrue(Files.isExecutable(JDK.resolve("bin/java")), "no JDK 25 at " + JDK + " (-Dmes.native.jdk=...): skipped");
        assumeTrue(Files.isDirectory(SVM), "no native-image builder jars in " + SVM + " (./mvnw verify copies them)");
    }

    @Test
    void aClassInitializedAtBuildTimeThatStartsAThreadFailsTheAnalysis() throws Exception {
        Path classes = fixture("thread", null);
        NativeAnalysis.Result r = analysis("thread").analyse(List.of(classes.toString()), ThreadAtBuildTime.class.getName(), "thread",
                List.of("--initialize-at-build-time=" + ThreadAtBuildTime.Poller.class.getName()), "1g");
        Files.writeString(WORK.resolve("thread.log"), r.output());
        assertNotEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("Detected a started Thread in the image heap"), r.output());
    }

    @Test
    void anUnresolvedTypeFailsTheAnalysisWhenEveryClassLinksAtBuildTime() throws Exception {
        Path classes = fixture("unresolved", UnresolvedType.Absent.class.getName());
        NativeAnalysis.Result r = analysis("unresolved").analyse(List.of(classes.toString()), UnresolvedType.class.getName(), "unresolved",
                List.of("--link-at-build-time"), "1g");
        Files.writeString(WORK.resolve("unresolved.log"), r.output());
        assertNotEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("Discovered unresolved type during parsing: " + UnresolvedType.Absent.class.getName()), r.output());
    }

    @Test
    void theApplicationPassesTheAnalysisAndItReachesTheApplicationsOwnWork() throws Exception {
        Path sources = TARGET.resolve("native-sources");
        assumeTrue(Files.exists(sources.resolve("native-image.args")), "no " + sources + ": ./mvnw verify -Dnative-analysis writes it");
        Path out = WORK.resolve("application");
        NativeAnalysis.Result r = analysis("application").options(List.of("-H:+PrintAnalysisCallTree", "-H:PrintAnalysisCallTreeType=CSV"))
                .analyseQuarkus(sources, List.of(), System.getProperty("mes.native.heap", "8g"));
        Files.writeString(WORK.resolve("application.log"), r.output());
        assertEquals(0, r.exitCode(), r.output());
        // an analysis that sees only the wiring (the jars' reflection configuration not applied) passes too: what it reached
        String used;
        try (Stream<Path> reports = Files.list(out.resolve("reports"))) {
            used = Files.readString(reports.filter(p -> p.getFileName().toString().startsWith("used_methods_")).findFirst().orElseThrow());
        }
        for (String method : List.of("mes.ingest.IngestService.store(", "mes.reports.ReportDocument.pdf(",
                "mes.production.web.LotResource.lot(", "mes.ingest.messaging.PubSubIngest.")) {
            assertTrue(used.contains(method), method + " reachable in the analysis");
        }
        // the PDF (PDFBox) reaches java.awt.geom only, plain Java; images, fonts or the toolkit would need AWT's native
        // libraries in the binary: then add quarkus-awt (and freetype and fontconfig to the VM)
        List<String> awt = used.lines().map(l -> l.substring(l.indexOf(':') + 1))
                .filter(l -> l.matches("(java\\.awt\\.(?!geom\\.)|sun\\.awt\\.|sun\\.java2d\\.|sun\\.font\\.|javax\\.imageio\\.).*")).toList();
        assertTrue(awt.isEmpty(), "AWT beyond java.awt.geom is reachable, so the native binary needs quarkus-awt: " + awt.stream().limit(20).toList());
    }

    private static NativeAnalysis analysis(String name) throws IOException {
        return new NativeAnalysis(JDK, SVM, Files.createDirectories(WORK)).output(WORK.resolve(name));
    }

    /** The fixture's classes in a folder of their own, without the one named. */
    private static Path fixture(String name, String without) throws IOException {
        Path from = Path.of("target/test-classes/mes/nativecheck/fixture");
        Path to = Files.createDirectories(WORK.resolve(name + "-classes/mes/nativecheck/fixture"));
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                String className = "mes.nativecheck.fixture." + f.getFileName().toString().replace(".class", "");
                if (!className.equals(without)) {
                    Files.copy(f, to.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return WORK.resolve(name + "-classes");
    }
}
