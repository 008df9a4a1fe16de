package mes.nativecheck;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The native image's analysis of an application, on a plain JDK 25 with the native-image builder's
 * jars from Maven Central (org.graalvm.nativeimage:svm and its dependencies), stopped before
 * compiling and linking (-H:+ReturnAfterAnalysis). What a GraalVM distribution's launcher
 * (`native-image`) would do is done here:
 * <ul>
 * <li>the builder JVM: JVMCI on, the builder's modules on the module path with Graal's compiler
 * upgraded, every package of the JDK exported and opened to them, the builder's system class
 * loader;
 * <li>the launcher's options (from Quarkus' native-image.args and every jar's
 * META-INF/native-image/.../native-image.properties) translated into the builder's own
 * (-H:Features, -H:ClassInitialization, -H:LinkAtBuildTime, ...), and every jar's configuration
 * files (reflect-config.json, resource-config.json, ..., reachability-metadata.json) handed to
 * the builder as the launcher hands them (-H:ReflectionConfigurationResources=..., with
 * --exclude-config applied);
 * <li>what a distribution ships beside the jars: the C headers (CHeaders) and the progress
 * reporter's helper library (libreporterchelper.so, compiled here with gcc), in a private copy
 * of the JDK's home.
 * </ul>
 * Not done: compiling, linking, running the binary; Cloud Build does those (deploy/cloudbuild.yaml).
 */
public final class NativeAnalysis {

    /** The outcome: the builder's exit code and its output. */
    public record Result(int exitCode, String output) {
    }

    private final Path jdk;
    private final Path svmLib;
    private final Path work;
    private Path out;
    private final List<String> extra = new ArrayList<>();

    /**
     * @param jdk a JDK 25 home (Temurin's on these machines)
     * @param svmLib a folder with svm.jar and its dependencies of one version
     * @param work a scratch folder (the JDK's private copy, the headers, the builder's output)
     */
    public NativeAnalysis(Path jdk, Path svmLib, Path work) {
        this.jdk = jdk.toAbsolutePath();
        this.svmLib = svmLib.toAbsolutePath();
        this.work = work.toAbsolutePath();
        this.out = work.resolve("out");
    }

    /** Builder options of this analysis beyond the translated ones (-H:...). */
    public NativeAnalysis options(List<String> options) {
        extra.addAll(options);
        return this;
    }

    /** Where the builder writes its reports (by default WORK/out). */
    public NativeAnalysis output(Path folder) {
        this.out = folder.toAbsolutePath();
        return this;
    }

    /** Analyses the application Quarkus wrote to target/native-sources (-Dquarkus.native.sources-only=true). */
    public Result analyseQuarkus(Path nativeSources, List<String> extraClasspath, String heap) throws IOException, InterruptedException {
        List<String> launcher = tokens(Files.readString(nativeSources.resolve("native-image.args")));
        int jar = launcher.indexOf("-jar");
        Path runner = nativeSources.resolve(launcher.get(jar + 1));
        String name = launcher.get(jar - 1);
        List<String> options = new ArrayList<>(launcher.subList(0, jar - 1));
        List<String> classpath = new ArrayList<>();
        classpath.add(runner.toAbsolutePath().toString());
        String main;
        try (JarFile j = new JarFile(runner.toFile())) {
            Manifest m = j.getManifest();
            main = m.getMainAttributes().getValue("Main-Class");
            // as java -jar and the launcher's -jar do: the main jar's Add-Opens and Add-Exports, to the image's classes
            for (String attribute : List.of("Add-Opens", "Add-Exports")) {
                String value = m.getMainAttributes().getValue(attribute);
                for (String pkg : value == null ? new String[0] : value.strip().split("\\s+")) {
                    options.add("-J--" + attribute.toLowerCase(java.util.Locale.ROOT) + "=" + pkg + "=ALL-UNNAMED");
                }
            }
            for (String entry : m.getMainAttributes().getValue("Class-Path").split(" ")) {
                if (!entry.isBlank()) {
                    classpath.add(nativeSources.resolve(entry).toAbsolutePath().toString());
                }
            }
        }
        classpath.addAll(extraClasspath);
        return analyse(classpath, main, name, options, heap);
    }

    /** Analyses a main class on a class path with launcher options. */
    public Result analyse(List<String> classpath, String main, String name, List<String> launcherOptions, String heap)
            throws IOException, InterruptedException {
        Path home = privateJdk();
        Path headers = work.resolve("clibraries");
        CHeaders.write(jar("svm-"), Map.of(
                "com.oracle.svm.core.c.locale.LocaleDirectives", "svm_locale.h",
                "com.oracle.svm.core.amd64.AMD64LibCHelperDirectives", "amd64cpufeatures.h",
                "com.oracle.svm.core.aarch64.AArch64LibCHelperDirectives", "aarch64cpufeatures.h",
                "com.oracle.svm.core.riscv64.RISCV64LibCHelperDirectives", "riscv64cpufeatures.h"), headers);

        List<String> jvm = new ArrayList<>(List.of(home.resolve("bin/java").toString(), "-XX:+UnlockExperimentalVMOptions",
                "-XX:+EnableJVMCI", "-XX:-UseJVMCICompiler", "-Xmx" + heap, "-XX:+UseParallelGC"));
        jvm.addAll(Files.readAllLines(exportsFile(home))); // (an argument file cannot name another)
        jvm.addAll(List.of("--enable-native-access=org.graalvm.nativeimage.builder,ALL-UNNAMED",
                "-Dorg.graalvm.nativeimage.imagecode=buildtime",
                // what a distribution's launcher sets, and what Quarkus' build-time code reads to know the builder
                "-Dorg.graalvm.vendorversion=Mandrel-" + version() + "-Final", "-Dorg.graalvm.version=" + version(),
                "-Djava.system.class.loader=com.oracle.svm.hosted.NativeImageSystemClassLoader"));
        List<String> builder = new ArrayList<>(List.of("-imagecp",
                String.join(":", classpath.stream().map(e -> Path.of(e).toAbsolutePath().toString()).toList()), "-H:Class=" + main, "-H:Name=" + name,
                "-H:Path=" + Files.createDirectories(out).toAbsolutePath(), "-H:CLibraryPath=" + headers.toAbsolutePath(), "-H:+ReturnAfterAnalysis",
                "-H:ImageBuildID=" + UUID.randomUUID(), "-H:+ReportExceptionStackTraces"));
        List<String> launcher = new ArrayList<>();
        for (String entry : classpath) {
            launcher.addAll(jarOptions(Path.of(entry)));
        }
        launcher.addAll(launcherOptions);
        translate(launcher, jvm, builder);
        builder.addAll(configurationResources(classpath, excludedConfigurations(launcher)));
        builder.addAll(extra);

        List<String> modules = new ArrayList<>();
        Path compiler = jar("compiler-");
        try (Stream<Path> jars = Files.list(svmLib)) {
            jars.filter(p -> p.toString().endsWith(".jar") && !p.equals(compiler)).sorted().forEach(p -> modules.add(p.toString()));
        }
        List<String> command = new ArrayList<>(jvm);
        command.addAll(List.of("--upgrade-module-path", compiler.toString(), "--module-path", String.join(":", modules),
                "--add-modules", "ALL-DEFAULT", "-m", "org.graalvm.nativeimage.builder/com.oracle.svm.hosted.NativeImageGeneratorRunner"));
        command.addAll(builder);
        Path args = out.resolve("builder.args");
        Files.write(args, command.subList(1, command.size()));
        // in the output folder: the builder writes some reports (Quarkus' build-output-stats) where it runs
        Process p = new ProcessBuilder(command.get(0), "@" + args.toAbsolutePath()).directory(out.toAbsolutePath().toFile())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), output);
    }

    /** The launcher's options as the builder's: -J to the JVM, the rest to -H options. */
    static void translate(List<String> launcher, List<String> jvm, List<String> builder) {
        for (int i = 0; i < launcher.size(); i++) {
            String o = launcher.get(i);
            String value = o.contains("=") ? o.substring(o.indexOf('=') + 1) : "";
            if (o.startsWith("-J")) {
                jvm.add(o.substring(2));
            } else if (o.startsWith("-H:")) {
                builder.add(o);
            } else if (o.startsWith("--features=")) {
                builder.add("-H:Features=" + value);
            } else if (o.startsWith("--initialize-at-build-time")) {
                classInitialization(value, "build_time", builder);
            } else if (o.startsWith("--initialize-at-run-time")) {
                classInitialization(value, "run_time", builder);
            } else if (o.equals("--link-at-build-time")) {
                builder.add("-H:LinkAtBuildTime="); // every class: an unresolved type fails the build
            } else if (o.startsWith("--link-at-build-time=")) {
                builder.add("-H:LinkAtBuildTime=" + value);
            } else if (o.startsWith("--enable-url-protocols=")) {
                builder.add("-H:EnableURLProtocols=" + value);
            } else if (o.startsWith("--enable-monitoring")) {
                builder.add("-H:EnableMonitoringFeatures=" + (value.isEmpty() ? "all" : value));
            } else if (o.equals("--no-fallback")) {
                builder.add("-H:FallbackThreshold=0");
            } else if (o.startsWith("--add-opens") || o.startsWith("--add-exports") || o.startsWith("--add-modules")) {
                jvm.add(o); // for the builder's own access to the image's classes
            } else if (o.equals("--exclude-config")) {
                i += 2; // applied to the jars' configuration files: configurationResources
            } else if (o.startsWith("--enable-native-access") || o.startsWith("-march") || o.equals("--verbose")) {
                continue; // nothing for the analysis
            } else {
                throw new IllegalArgumentException("a native-image option this translation does not know: " + o);
            }
        }
    }

    private static void classInitialization(String classes, String when, List<String> builder) {
        for (String c : classes.split(",")) {
            if (!c.isBlank()) {
                builder.add("-H:ClassInitialization=" + c.strip() + ":" + when);
            }
        }
    }

    /** The configuration files a jar may carry in META-INF/native-image/, and the builder option that reads each. */
    private static final Map<String, String> CONFIGURATION_FILES = Map.of(
            "reachability-metadata.json", "ReachabilityMetadataResources",
            "reflect-config.json", "ReflectionConfigurationResources",
            "resource-config.json", "ResourceConfigurationResources",
            "jni-config.json", "JNIConfigurationResources",
            "proxy-config.json", "DynamicProxyConfigurationResources",
            "serialization-config.json", "SerializationConfigurationResources",
            "predefined-classes-config.json", "PredefinedClassesConfigurationResources");

    /** The pairs (jar pattern, resource pattern) of the launcher's --exclude-config options. */
    static List<String[]> excludedConfigurations(List<String> launcher) {
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i + 2 < launcher.size(); i++) {
            if (launcher.get(i).equals("--exclude-config")) {
                out.add(new String[] {launcher.get(i + 1), launcher.get(i + 2)});
            }
        }
        return out;
    }

    /**
     * What the launcher does with each jar's (or folder's) META-INF/native-image/**&#47;*-config.json and
     * reachability-metadata.json: the builder option that reads it as a resource, unless excluded.
     */
    static List<String> configurationResources(List<String> classpath, List<String[]> excluded) throws IOException {
        List<String> out = new ArrayList<>();
        for (String entry : classpath) {
            Path path = Path.of(entry);
            List<String> resources = new ArrayList<>();
            if (Files.isDirectory(path.resolve("META-INF/native-image"))) {
                try (Stream<Path> files = Files.walk(path.resolve("META-INF/native-image"))) {
                    files.filter(Files::isRegularFile).forEach(f -> resources.add(path.relativize(f).toString()));
                }
            } else if (entry.endsWith(".jar") && Files.isRegularFile(path)) {
                try (JarFile j = new JarFile(path.toFile())) {
                    for (JarEntry e : Collections.list(j.entries())) {
                        if (e.getName().startsWith("META-INF/native-image/") && !e.isDirectory()) {
                            resources.add(e.getName());
                        }
                    }
                }
            }
            for (String resource : resources) {
                String option = CONFIGURATION_FILES.get(resource.substring(resource.lastIndexOf('/') + 1));
                boolean skip = excluded.stream().anyMatch(x -> java.util.regex.Pattern.compile(x[0]).matcher(entry).find()
                        && java.util.regex.Pattern.compile(x[1]).matcher("/" + resource).find());
                if (option != null && !skip) {
                    out.add("-H:" + option + "=" + resource);
                }
            }
        }
        return out;
    }

    /** The Args of every META-INF/native-image/.../native-image.properties of a jar. */
    static List<String> jarOptions(Path jar) throws IOException {
        List<String> out = new ArrayList<>();
        if (!jar.toString().endsWith(".jar") || !Files.isRegularFile(jar)) {
            return out;
        }
        try (JarFile j = new JarFile(jar.toFile())) {
            for (JarEntry e : Collections.list(j.entries())) {
                if (e.getName().startsWith("META-INF/native-image/") && e.getName().endsWith("/native-image.properties")) {
                    Properties p = new Properties();
                    try (InputStream in = j.getInputStream(e)) {
                        p.load(in);
                    }
                    String args = p.getProperty("Args");
                    if (args != null) {
                        out.addAll(tokens(args.replace("${.}", jar.getParent().toString())));
                    }
                }
            }
        }
        return out;
    }

    /** Options split on white space; a value list broken after a comma goes on. */
    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        for (String t : text.split("\\s+")) {
            if (t.isEmpty()) {
                continue;
            }
            if (!out.isEmpty() && out.get(out.size() - 1).endsWith(",")) {
                out.set(out.size() - 1, out.get(out.size() - 1) + t);
            } else {
                out.add(t);
            }
        }
        return out;
    }

    /** The builder's version, from svm-VERSION.jar. */
    private String version() throws IOException {
        String name = jar("svm-").getFileName().toString();
        return name.substring("svm-".length(), name.length() - ".jar".length());
    }

    private Path jar(String prefix) throws IOException {
        try (Stream<Path> jars = Files.list(svmLib)) {
            return jars.filter(p -> p.getFileName().toString().startsWith(prefix) && p.toString().endsWith(".jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + prefix + "*.jar in " + svmLib));
        }
    }

    /** A copy of the JDK with the helper library where the builder looks for it (java.home/lib/svm/builder/lib). */
    private Path privateJdk() throws IOException, InterruptedException {
        Path home = work.resolve("jdk");
        if (!Files.exists(home.resolve("bin/java"))) {
            run(List.of("cp", "-a", jdk.toString(), home.toString()));
        }
        Path lib = Files.createDirectories(home.resolve("lib/svm/builder/lib"));
        if (!Files.exists(lib.resolve("libreporterchelper.so"))) {
            Path source = work.resolve("reporterchelper.c");
            try (InputStream in = NativeAnalysis.class.getResourceAsStream("reporterchelper.c")) {
                Files.write(source, in.readAllBytes());
            }
            run(List.of("gcc", "-shared", "-fPIC", "-O2", "-I" + home.resolve("include"), "-I" + home.resolve("include/linux"), "-o",
                    lib.resolve("libreporterchelper.so").toString(), source.toString()));
        }
        return home;
    }

    /** Every package of every module of the JDK exported and opened to the builder's modules. */
    private Path exportsFile(Path home) throws IOException, InterruptedException {
        Path file = work.resolve("exports.args");
        if (Files.exists(file)) {
            return file;
        }
        String to = "org.graalvm.nativeimage.base,org.graalvm.nativeimage.builder,org.graalvm.nativeimage.pointsto,jdk.graal.compiler,"
                + "org.graalvm.nativeimage.objectfile,org.graalvm.nativeimage.configure,org.graalvm.truffle.compiler";
        List<String> lines = new ArrayList<>();
        String java = home.resolve("bin/java").toString();
        for (String module : run(List.of(java, "--list-modules")).split("\n")) {
            String m = module.replaceAll("@.*", "").strip();
            if (m.isEmpty()) {
                continue;
            }
            for (String line : run(List.of(java, "--describe-module", m)).split("\n")) {
                String[] w = line.strip().split("\\s+");
                String pkg = w[0].equals("contains") || w[0].equals("exports") ? w[1] : w[0].equals("qualified") && w.length > 2 ? w[2] : null;
                if (pkg != null) {
                    lines.add("--add-exports=" + m + "/" + pkg + "=" + to);
                    lines.add("--add-opens=" + m + "/" + pkg + "=" + to);
                }
            }
        }
        Files.write(file, lines);
        return file;
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    /**
     * java ... mes.nativecheck.NativeAnalysis JDK25 SVM_LIB WORK NATIVE_SOURCES [HEAP [BUILDER OPTION...]]: the
     * application's analysis, for example with -H:+PrintAnalysisCallTree -H:PrintAnalysisCallTreeType=CSV to see
     * what is reachable.
     */
    public static void main(String[] args) throws Exception {
        NativeAnalysis analysis = new NativeAnalysis(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
        analysis.extra.addAll(List.of(args).subList(Math.min(args.length, 5), args.length));
        Result r = analysis.analyseQuarkus(Path.of(args[3]), List.of(), args.length > 4 ? args[4] : "8g");
        System.out.println(r.output());
        System.exit(r.exitCode());
    }
}
