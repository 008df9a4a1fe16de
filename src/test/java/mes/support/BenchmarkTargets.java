package mes.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 10's targets and what a benchmark run measured against them. Each benchmark appends its
 * rows to target/benchmark/targets.md; bench/run prints that file last, as one table. Recording
 * is not asserting: a missed target is a row that says so, not a failed build.
 */
public final class BenchmarkTargets {

    static final Path FILE = Path.of("target/benchmark/targets.md");

    private BenchmarkTargets() {
    }

    /** One row: the target, what was measured, and whether it was met. */
    public static synchronized void record(String target, String measured, boolean met) throws IOException {
        Files.createDirectories(FILE.getParent());
        if (!Files.exists(FILE)) {
            Files.writeString(FILE, "| target | measured | met |\n|---|---|---|\n");
        }
        Files.writeString(FILE, String.format(Locale.ROOT, "| %s | %s | %s |%n", target, measured, met ? "yes" : "**no**"),
                StandardOpenOption.APPEND);
    }

    /** The number after a label in a benchmark's own line of text, such as "p99 83 ms" for the label "p99". */
    public static double number(String text, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + " ([0-9][0-9,]*(?:\\.[0-9]+)?)").matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("no '" + label + "' in: " + text);
        }
        return Double.parseDouble(m.group(1).replace(",", ""));
    }
}
