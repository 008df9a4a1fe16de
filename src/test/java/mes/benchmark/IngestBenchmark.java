package mes.benchmark;

import static mes.support.Api.as;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import mes.ingest.IngestBatcher;
import mes.ingest.IngestRequest;
import mes.ingest.IngestSource;
import mes.support.Api;
import mes.support.BenchmarkTargets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * Ingest, end to end inside the application: a generated stream of 60 machines (8 sensor values,
 * cumulative counters, a state change about once a minute per machine), 50 messages per payload
 * as a gateway batches them, through the real pipeline (decode, validate, deduplicate, rate
 * limit with a budget high enough not to downsample, detectors, batched commit to the embedded
 * PostgreSQL). Then the ceiling: COPY of the same kind of rows into the same tables with the same
 * indexes from a pre-built buffer. Writes target/benchmark/ingest.txt; asserts nothing about time.
 *
 * <pre>./mvnw verify -Dgroups=benchmark -DexcludedGroups=none -Dtest=IngestBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@QuarkusTest
@Tag("benchmark")
@TestProfile(IngestBenchmark.HighBudget.class)
public class IngestBenchmark {

    public static class HighBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mes.ingest.rate-limit.enabled", "false");
        }
    }

    static final int MACHINES = 60;
    public static final int VALUES = 8;
    public static final int PER_PAYLOAD = 50;

    @Inject
    IngestBatcher batcher;

    @Inject
    AgroalDataSource db;

    /** The machines' messages from `start`, one per machine every 100 ms, as payloads of 50. */
    public static List<byte[]> stream(List<String> machines, Instant start, int messagesPerMachine, long seed) {
        Random random = new Random(seed);
        List<String> messages = new ArrayList<>();
        Map<String, long[]> counters = new HashMap<>();
        String[] states = {"RUNNING", "IDLE", "DOWN", "SETUP"};
        for (int k = 0; k < messagesPerMachine; k++) {
            for (String m : machines) {
                long[] c = counters.computeIfAbsent(m, x -> new long[] {random.nextInt(10_000), 0});
                c[0] += random.nextInt(3);
                c[1] += random.nextInt(50) == 0 ? 1 : 0;
                StringBuilder s = new StringBuilder("{\"machineId\":\"").append(m).append("\",\"ts\":\"")
                        .append(start.plusMillis(100L * k)).append("\",\"seq\":").append(k);
                if (k % 600 == 0) { // a state change about once a minute at 10 messages a second
                    String state = states[random.nextInt(states.length)];
                    s.append(",\"state\":\"").append(state).append('"').append(state.equals("RUNNING") ? "" : ",\"reason\":\"R1\"");
                }
                s.append(",\"counters\":{\"good\":").append(c[0]).append(",\"scrap\":").append(c[1]).append("},\"values\":{");
                for (int v = 0; v < VALUES; v++) {
                    s.append(v == 0 ? "" : ",").append("\"s").append(v).append("\":")
                            .append(Math.round((50 + random.nextGaussian() * 2) * 1000) / 1000.0);
                }
                messages.add(s.append("}}").toString());
            }
        }
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < messages.size(); i += PER_PAYLOAD) {
            payloads.add(("[" + String.join(",", messages.subList(i, Math.min(i + PER_PAYLOAD, messages.size()))) + "]")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return payloads;
    }

    record Run(double seconds, long messages, List<Double> latencyMillis) {
        String describe() {
            List<Double> l = new ArrayList<>(latencyMillis);
            l.sort(Double::compare);
            return String.format(Locale.ROOT, "%,d messages (%,d readings) in %.1f s: %,.0f messages/s, %,.0f readings/s;"
                    + " publish to commit p50 %.0f ms, p99 %.0f ms", messages, messages * VALUES, seconds, messages / seconds,
                    messages * VALUES / seconds, l.get(l.size() / 2), p99());
        }

        double p99() {
            List<Double> l = new ArrayList<>(latencyMillis);
            l.sort(Double::compare);
            return l.get((int) Math.ceil(l.size() * 0.99) - 1);
        }
    }

    /** Submits payloads, at most `inFlight` unanswered, optionally one every `pacingMicros`; latency from submit to commit. */
    Run run(List<byte[]> payloads, int inFlight, long pacingMicros) throws Exception {
        Semaphore window = new Semaphore(inFlight);
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<?>> all = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < payloads.size(); i++) {
            if (pacingMicros > 0) {
                long due = start + i * pacingMicros * 1000;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait); // not a spin: the machine has 2 cores
                }
            }
            window.acquire();
            long submitted = System.nanoTime();
            all.add(batcher.submit(new IngestRequest(payloads.get(i), IngestSource.HTTP, Instant.now()), true).whenComplete((r, e) -> {
                latencies.add((System.nanoTime() - submitted) / 1e6);
                window.release();
                if (e != null || !r.rejected().isEmpty()) {
                    throw new IllegalStateException("not stored: " + (e != null ? e : r.rejected().get(0)));
                }
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        return new Run((System.nanoTime() - start) / 1e9, (long) payloads.size() * PER_PAYLOAD, new ArrayList<>(latencies));
    }

    @Test
    void ingestThroughputLatencyAndTheCopyCeiling() throws Exception {
        String line = Api.hierarchy("UTC").line();
        List<String> machines = new ArrayList<>();
        Map<String, Object> sensors = new LinkedHashMap<>();
        for (int v = 0; v < VALUES; v++) {
            sensors.put("s" + v, Map.of("unit", "u", "lsl", 0, "usl", 100));
        }
        for (int i = 0; i < MACHINES; i++) {
            String m = Api.id("BENCH");
            as("admin").body(Map.of("name", m, "lineId", line, "idealCycleTimeSeconds", 10, "sensors", sensors))
                    .put("/api/v1/machines/" + m).then().statusCode(201);
            machines.add(m);
        }
        Instant base = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        run(stream(machines, base, 200, 1), 64, 0); // warm-up: JIT, partitions, detectors built
        Run saturated = run(stream(machines, base.plusSeconds(60), 3_000, 2), 64, 0); // 180,000 messages as fast as they go
        Run paced = run(stream(machines, base.plusSeconds(600), 1_000, 3), 64, 20_000); // 2,500 messages/s = 20,000 readings/s
        Runtime rt = Runtime.getRuntime();
        long heapMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
        long rssMb = rss();

        double ceilingSeconds = copyCeiling(machines, base.plusSeconds(1200), 3_000);
        double ceiling = 3_000.0 * MACHINES * VALUES / ceilingSeconds;
        double pipeline = saturated.messages() * VALUES / saturated.seconds();
        String report = String.format(Locale.ROOT, """
                machine: %d cores, max heap %d MiB, %s %s; the embedded PostgreSQL of the tests (fsync off)
                pipeline, saturated (64 payloads in flight): %s
                pipeline, paced at 20,000 readings/s:        %s
                COPY ceiling (the same rows, pre-built, into the same tables): %,d readings in %.1f s = %,.0f readings/s
                pipeline / ceiling: %.0f %%
                test JVM after the runs: heap in use %d MiB, RSS %d MiB
                """, Runtime.getRuntime().availableProcessors(), rt.maxMemory() >> 20, System.getProperty("java.vm.name"),
                System.getProperty("java.version"), saturated.describe(), paced.describe(), 3_000L * MACHINES * VALUES, ceilingSeconds,
                ceiling, 100 * pipeline / ceiling, heapMb, rssMb);
        Files.createDirectories(Path.of("target/benchmark"));
        Files.writeString(Path.of("target/benchmark/ingest.txt"), report);
        System.out.print(report);
        BenchmarkTargets.record("ingest through the pipeline: at least 100,000 readings/s sustained",
                String.format(Locale.ROOT, "%,.0f readings/s", pipeline), pipeline >= 100_000);
        BenchmarkTargets.record("the pipeline at least 50 % of the COPY ceiling",
                String.format(Locale.ROOT, "%.0f %% (ceiling %,.0f readings/s)", 100 * pipeline / ceiling, ceiling), pipeline / ceiling >= 0.5);
        BenchmarkTargets.record("ingest p99 below 250 ms at 20,000 readings/s",
                String.format(Locale.ROOT, "%.0f ms", paced.p99()), paced.p99() < 250);
    }

    static long rss() throws Exception {
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.replaceAll("\\D", "")) >> 10;
            }
        }
        return -1;
    }

    /** COPY of what the pipeline writes for these messages (keys, readings, counter samples, state events), timed. */
    double copyCeiling(List<String> machines, Instant start, int messagesPerMachine) throws Exception {
        Map<String, int[]> sensorIds = new HashMap<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT machine_id, name, id FROM machine_sensor WHERE machine_id = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("text", machines.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sensorIds.computeIfAbsent(rs.getString(1), k -> new int[VALUES])[Integer.parseInt(rs.getString(2).substring(1))] = rs.getInt(3);
                }
            }
        }
        StringBuilder keys = new StringBuilder();
        StringBuilder readings = new StringBuilder();
        StringBuilder samples = new StringBuilder();
        StringBuilder states = new StringBuilder();
        Random random = new Random(4);
        for (int k = 0; k < messagesPerMachine; k++) {
            String ts = start.plusMillis(100L * k).toString();
            for (String m : machines) {
                keys.append(m).append('\t').append(ts).append('\n');
                samples.append(m).append('\t').append(ts).append('\t').append(k).append('\t').append(0).append('\n');
                if (k % 600 == 0) {
                    states.append(m).append('\t').append(ts).append("\tRUNNING\n");
                }
                for (int v = 0; v < VALUES; v++) {
                    readings.append(sensorIds.get(m)[v]).append('\t').append(ts).append('\t')
                            .append(Math.round((50 + random.nextGaussian() * 2) * 1000) / 1000.0).append('\n');
                }
            }
        }
        long t0 = System.nanoTime();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn("COPY ingested_message (machine_id, ts) FROM STDIN", new StringReader(keys.toString()));
            copy.copyIn("COPY counter_sample (machine_id, ts, good, scrap) FROM STDIN", new StringReader(samples.toString()));
            copy.copyIn("COPY machine_state_event (machine_id, ts, state) FROM STDIN", new StringReader(states.toString()));
            copy.copyIn("COPY sensor_reading (sensor_id, ts, value) FROM STDIN", new StringReader(readings.toString()));
            c.commit();
        }
        return (System.nanoTime() - t0) / 1e9;
    }
}
