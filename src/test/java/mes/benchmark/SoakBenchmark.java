package mes.benchmark;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import mes.ingest.messaging.StandInBroker;
import mes.support.PackagedApp;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The soak run: the packaged application (prod profile) consuming the Pub/Sub stand-in with the
 * real client library, 60 machines sending 8 values a message, 10,000 readings/s (25 Pub/Sub
 * messages of 50 sensor messages a second), a state change about once a minute per machine, for
 * {@code -Dsoak.minutes} (30 by default). Every minute it samples heap in use and RSS of the
 * application, the p99 and max of publish-to-commit lag, the subscription's backlog and readings
 * stored (the application's own counter). Writes target/benchmark/soak.csv, target/benchmark/soak.txt and the plot
 * target/benchmark/soak.svg (copied into docs/ by hand). Asserts nothing: it measures.
 *
 * <pre>./mvnw package -DskipTests && ./mvnw verify -DskipITs -DskipFuzz -Dgroups=benchmark -DexcludedGroups=none \
 *     -Dtest=SoakBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dsoak.minutes=30</pre>
 */
@Tag("benchmark")
class SoakBenchmark {

    static final int MACHINES = 60;
    static final int VALUES = 8;
    static final int PER_PUBSUB_MESSAGE = 50;
    static final int READINGS_PER_SECOND = 10_000;

    record Sample(double minute, double heapMiB, double rssMiB, double lagP99Ms, double lagMaxMs, long backlog, long stored) {
    }

    @Test
    void thirtyMinutesAtTenThousandReadingsPerSecond() throws Exception {
        assumeTrue(PackagedApp.packaged(), "package the application first: ./mvnw package -DskipTests");
        int minutes = Integer.getInteger("soak.minutes", 30);
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("timezone", "UTC").start()) {
            String jdbcUrl = PackagedApp.database(pg);
            StandInBroker broker = new StandInBroker();
            Map<String, String> config = new HashMap<>(broker.start());
            config.put("mes.reports.enabled", "false");
            try (PackagedApp app = new PackagedApp(jdbcUrl, config)) {
                app.start();
                List<String> machines = IntStream.range(0, MACHINES).mapToObj(m -> "SOAK-" + m).toList();
                String[] sensors = IntStream.range(0, VALUES).mapToObj(v -> "v" + v).toArray(String[]::new);
                app.plant("SOAK", machines, sensors);

                List<Sample> samples = java.util.Collections.synchronizedList(new ArrayList<>());
                AtomicLong published = new AtomicLong();
                long start = System.nanoTime();
                long end = start + TimeUnit.MINUTES.toNanos(minutes);
                long interval = TimeUnit.SECONDS.toNanos(1) * PER_PUBSUB_MESSAGE * VALUES / READINGS_PER_SECOND;
                long next = start;
                long[] good = new long[MACHINES];
                String[] state = new String[MACHINES];
                Instant[] last = new Instant[MACHINES];
                String[] states = {"RUNNING", "RUNNING", "RUNNING", "IDLE", "DOWN", "SETUP"};
                java.util.Random random = new java.util.Random(7);
                int machine = 0;
                // sampled on a thread of its own, so that sampling never holds up publishing
                java.util.concurrent.ScheduledExecutorService sampler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
                sampler.scheduleAtFixedRate(() -> {
                    try {
                        samples.add(sample(app, broker, (System.nanoTime() - start) / 6e10));
                    } catch (Exception e) {
                        System.out.println("soak: a sample failed: " + e);
                    }
                }, 0, 1, TimeUnit.MINUTES);
                while (System.nanoTime() < end) {
                    StringBuilder body = new StringBuilder("[");
                    for (int i = 0; i < PER_PUBSUB_MESSAGE; i++) {
                        int m = machine++ % MACHINES;
                        Instant ts = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                        if (last[m] != null && !ts.isAfter(last[m])) {
                            ts = last[m].plusMillis(1);
                        }
                        last[m] = ts;
                        // a message every 0.3 s per machine: a state change about once a minute
                        if (state[m] == null || random.nextInt(200) == 0) {
                            state[m] = states[random.nextInt(states.length)];
                        }
                        good[m] += state[m].equals("RUNNING") ? 1 : 0;
                        body.append(i == 0 ? "" : ",").append("{\"machineId\":\"SOAK-").append(m).append("\",\"ts\":\"").append(ts)
                                .append("\",\"state\":\"").append(state[m]).append("\",\"counters\":{\"good\":").append(good[m])
                                .append(",\"scrap\":0},\"values\":{");
                        for (int v = 0; v < VALUES; v++) {
                            body.append(v == 0 ? "" : ",").append("\"v").append(v).append("\":").append(20 + random.nextInt(600) / 10.0);
                        }
                        body.append("}}");
                    }
                    broker.publishAsync(body.append(']').toString(), Map.of("schemaVersion", "1"));
                    published.addAndGet((long) PER_PUBSUB_MESSAGE * VALUES);
                    next += interval;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                sampler.shutdown();
                sampler.awaitTermination(1, TimeUnit.MINUTES);
                samples.add(sample(app, broker, (System.nanoTime() - start) / 6e10));
                write(samples, minutes, published.get());
            } finally {
                broker.stop();
            }
        }
    }

    private static Sample sample(PackagedApp app, StandInBroker broker, double minute) throws Exception {
        String text = app.metrics();
        long stored = (long) metric(text, "mes_ingest_readings_total\\{[^}]*outcome=\"stored\"[^}]*}");
        Sample sample = new Sample(minute, PackagedApp.heapMiB(text), app.rssKib() / 1024.0, 1000 * metric(text, "mes_ingest_lag_seconds\\{[^}]*quantile=\"0.99\"[^}]*}"),
                1000 * metric(text, "mes_ingest_lag_seconds_max(?:\\{[^}]*})?"), broker.unacknowledged(), stored);
        System.out.printf(Locale.ROOT, "soak %5.1f min: heap %6.0f MiB, RSS %6.0f MiB, lag p99 %7.0f ms (max %7.0f), backlog %6d, stored %,d%n",
                sample.minute(), sample.heapMiB(), sample.rssMiB(), sample.lagP99Ms(), sample.lagMaxMs(), sample.backlog(), sample.stored());
        return sample;
    }

    private static double metric(String metrics, String name) {
        Matcher m = Pattern.compile("^" + name + " ([0-9.E+-]+|NaN)", Pattern.MULTILINE).matcher(metrics);
        return m.find() && !m.group(1).equals("NaN") ? Double.parseDouble(m.group(1)) : 0;
    }

    private static void write(List<Sample> samples, int minutes, long published) throws Exception {
        Files.createDirectories(Path.of("target/benchmark"));
        StringBuilder csv = new StringBuilder("minute,heap_mib,rss_mib,lag_p99_ms,lag_max_ms,backlog,stored_readings\n");
        for (Sample s : samples) {
            csv.append(String.format(Locale.ROOT, "%.1f,%.0f,%.0f,%.0f,%.0f,%d,%d%n", s.minute(), s.heapMiB(), s.rssMiB(), s.lagP99Ms(),
                    s.lagMaxMs(), s.backlog(), s.stored()));
        }
        Files.writeString(Path.of("target/benchmark/soak.csv"), csv);
        Sample first = samples.get(Math.min(2, samples.size() - 1)); // after warm-up
        Sample lastSample = samples.get(samples.size() - 1);
        double rssMax = samples.stream().mapToDouble(Sample::rssMiB).max().orElse(0);
        double heapMax = samples.stream().mapToDouble(Sample::heapMiB).max().orElse(0);
        double lagMax = samples.stream().mapToDouble(Sample::lagP99Ms).max().orElse(0);
        long backlogMax = samples.stream().mapToLong(Sample::backlog).max().orElse(0);
        String report = String.format(Locale.ROOT, """
                soak: packaged application, Pub/Sub stand-in, %d machines x %d values, target %,d readings/s for %d min, %s
                | measure | value |
                |---|---|
                | readings published / stored | %,d / %,d |
                | RSS at minute %.0f / at the end / max | %.0f / %.0f / %.0f MiB |
                | heap in use at minute %.0f / at the end / max | %.0f / %.0f / %.0f MiB |
                | lag publish to commit, p99 (per sample): max over the run | %.0f ms |
                | backlog (unacknowledged), max over the samples | %,d |
                """, MACHINES, VALUES, READINGS_PER_SECOND, minutes, Runtime.version(), published, lastSample.stored(), first.minute(),
                first.rssMiB(), lastSample.rssMiB(), rssMax, first.minute(), first.heapMiB(), lastSample.heapMiB(), heapMax, lagMax,
                backlogMax);
        Files.writeString(Path.of("target/benchmark/soak.txt"), report);
        Files.writeString(Path.of("target/benchmark/soak.svg"), svg(samples));
        System.out.print(report);
    }

    /** Two panels over the minutes: memory (RSS, heap) and lag p99. */
    static String svg(List<Sample> samples) {
        double width = 720;
        double panel = 200;
        double maxMinute = Math.max(1, samples.get(samples.size() - 1).minute());
        double memMax = Math.ceil(samples.stream().mapToDouble(s -> Math.max(s.rssMiB(), s.heapMiB())).max().orElse(1) / 100) * 100;
        double lagMax = Math.max(100, Math.ceil(samples.stream().mapToDouble(Sample::lagP99Ms).max().orElse(1) / 100) * 100);
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" font-family=\"sans-serif\" font-size=\"12\">%n",
                width + 80, 2 * panel + 130));
        out.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        panel(out, samples, 20, "memory, MiB (RSS blue, heap in use green)", memMax, maxMinute, width, panel,
                List.of(Sample::rssMiB, Sample::heapMiB), List.of("#1f5fbf", "#2e8b57"));
        panel(out, samples, panel + 70, "lag publish to commit, p99 ms", lagMax, maxMinute, width, panel,
                List.of(Sample::lagP99Ms), List.of("#c0392b"));
        out.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"middle\">minutes</text>%n", 60 + width / 2,
                2 * panel + 125));
        return out.append("</svg>\n").toString();
    }

    private static void panel(StringBuilder out, List<Sample> samples, double top, String title, double yMax, double xMax, double width,
            double height, List<java.util.function.ToDoubleFunction<Sample>> series, List<String> colours) {
        double left = 60;
        out.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"%.0f\">%s</text>%n", left, top + 12, title));
        double y0 = top + 20;
        out.append(String.format(Locale.ROOT, "<rect x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" height=\"%.0f\" fill=\"none\" stroke=\"#999\"/>%n",
                left, y0, width, height));
        for (int i = 0; i <= 4; i++) {
            double y = y0 + height - i * height / 4;
            out.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"end\">%.0f</text>%n", left - 4, y + 4, yMax * i / 4));
        }
        for (int i = 0; i <= 6; i++) {
            double x = left + i * width / 6;
            out.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"middle\">%.0f</text>%n", x, y0 + height + 14,
                    xMax * i / 6));
        }
        for (int s = 0; s < series.size(); s++) {
            StringBuilder points = new StringBuilder();
            for (Sample sample : samples) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", left + sample.minute() / xMax * width,
                        y0 + height - Math.min(1, series.get(s).applyAsDouble(sample) / yMax) * height));
            }
            out.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n", colours.get(s),
                    points.toString().trim()));
        }
    }
}
