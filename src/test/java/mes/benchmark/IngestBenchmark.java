package mes.benchmark;

import static mes.support.Api.as;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
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
import mes.ingest.persistence.BinaryCopy;
import mes.support.Api;
import mes.support.BenchmarkTargets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Ingest, end to end inside the application: a generated stream of 60 machines (8 sensor values,
 * cumulative counters, a state change about once a minute per machine), 50 messages per payload
 * as a gateway batches them, through the real pipeline (decode, validate, deduplicate, rate
 * limit with a budget high enough not to downsample, detectors, batched commit to the embedded
 * PostgreSQL), saturated in five rounds. After each round the ceiling: binary COPY of the same
 * kind of rows into the same tables with the same indexes from pre-built buffers; the ratio is the
 * median of the rounds'. Then paced at 20,000 readings/s. Writes target/benchmark/ingest.txt;
 * asserts nothing about time.
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
    /** Saturated rounds, each followed by its ceiling. */
    static final int ROUNDS = 5;
    /** Messages per machine in a round: 36,000 messages, 288,000 readings. */
    static final int PER_ROUND = 600;

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
        /** Several runs as one: their messages over their summed time, all their latencies. */
        static Run of(List<Run> runs) {
            List<Double> latencies = new ArrayList<>();
            runs.forEach(r -> latencies.addAll(r.latencyMillis()));
            return new Run(runs.stream().mapToDouble(Run::seconds).sum(), runs.stream().mapToLong(Run::messages).sum(), latencies);
        }

        double readingsPerSecond() {
            return messages * VALUES / seconds;
        }

        String describe() {
            List<Double> l = new ArrayList<>(latencyMillis);
            l.sort(Double::compare);
            return String.format(Locale.ROOT, "%,d messages (%,d readings) in %.1f s: %,.0f messages/s, %,.0f readings/s;"
                    + " publish to commit p50 %.0f ms, p99 %.0f ms", messages, messages * VALUES, seconds, messages / seconds,
                    readingsPerSecond(), l.get(l.size() / 2), p99());
        }

        double p99() {
            List<Double> l = new ArrayList<>(latencyMillis);
            l.sort(Double::compare);
            return l.get((int) Math.ceil(l.size() * 0.99) - 1);
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
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
        // Saturated, in rounds that alternate with the ceiling over rows of the same shape, so that each
        // ratio compares two measurements a few seconds apart: this machine's speed drifts by half from
        // one minute to the next, which a single ceiling after the whole run would take as the pipeline's.
        List<Run> rounds = new ArrayList<>();
        List<Double> ceilings = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int r = 0; r < ROUNDS; r++) {
            Instant from = base.plusSeconds(60 + 150L * r); // 60 s of messages for the pipeline, then 60 s for the ceiling
            Run round = run(stream(machines, from, PER_ROUND, 2 + r), 64, 0);
            double ceiling = (double) PER_ROUND * MACHINES * VALUES / copyCeiling(machines, from.plusSeconds(70), PER_ROUND);
            rounds.add(round);
            ceilings.add(ceiling);
            ratios.add(round.readingsPerSecond() / ceiling);
        }
        Run saturated = Run.of(rounds);
        Run paced = run(stream(machines, base.plusSeconds(1200), 1_000, 9), 64, 20_000); // 2,500 messages/s = 20,000 readings/s
        Runtime rt = Runtime.getRuntime();
        long heapMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
        long rssMb = rss();

        double pipeline = saturated.readingsPerSecond();
        double ratio = median(ratios);
        StringBuilder byRound = new StringBuilder();
        for (int r = 0; r < ROUNDS; r++) {
            byRound.append(String.format(Locale.ROOT, "  round %d: pipeline %,.0f readings/s, ceiling %,.0f readings/s, %.0f %%%n",
                    r + 1, rounds.get(r).readingsPerSecond(), ceilings.get(r), 100 * ratios.get(r)));
        }
        String report = String.format(Locale.ROOT, """
                machine: %d cores, max heap %d MiB, %s %s; the embedded PostgreSQL of the tests (fsync off)
                pipeline, saturated (64 payloads in flight, %d rounds): %s
                COPY ceiling (the same rows, pre-built, binary, into the same tables), after each round:
                %spipeline / ceiling: %.0f %% (the median of the rounds)
                pipeline, paced at 20,000 readings/s:        %s
                test JVM after the runs: heap in use %d MiB, RSS %d MiB
                """, Runtime.getRuntime().availableProcessors(), rt.maxMemory() >> 20, System.getProperty("java.vm.name"),
                System.getProperty("java.version"), ROUNDS, saturated.describe(), byRound, 100 * ratio, paced.describe(), heapMb, rssMb);
        Files.createDirectories(Path.of("target/benchmark"));
        Files.writeString(Path.of("target/benchmark/ingest.txt"), report);
        System.out.print(report);
        BenchmarkTargets.record("ingest through the pipeline: at least 100,000 readings/s sustained",
                String.format(Locale.ROOT, "%,.0f readings/s", pipeline), pipeline >= 100_000);
        BenchmarkTargets.record("the pipeline at least 50 % of the COPY ceiling",
                String.format(Locale.ROOT, "%.0f %% (median of %d rounds; ceiling %,.0f-%,.0f readings/s)", 100 * ratio, ROUNDS,
                        ceilings.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                        ceilings.stream().mapToDouble(Double::doubleValue).max().orElseThrow()), ratio >= 0.5);
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

    /** Binary COPY of what the pipeline writes for these messages (keys, readings, counter samples, state events), timed. */
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
        // binary, as the pipeline writes them: the ceiling is the fastest COPY there is, not the one that parses text
        BinaryCopy keys = new BinaryCopy(1 << 20);
        BinaryCopy readings = new BinaryCopy(1 << 20);
        BinaryCopy samples = new BinaryCopy(1 << 20);
        BinaryCopy states = new BinaryCopy(1 << 10);
        Random random = new Random(4);
        for (int k = 0; k < messagesPerMachine; k++) {
            Instant ts = start.plusMillis(100L * k);
            for (String m : machines) {
                keys.row(2).text(m).timestamptz(ts);
                samples.row(5).text(m).timestamptz(ts).int8(k).int8(0).text(null);
                if (k % 600 == 0) {
                    states.row(3).text(m).timestamptz(ts).text("RUNNING");
                }
                for (int v = 0; v < VALUES; v++) {
                    readings.row(3).int4(sensorIds.get(m)[v]).timestamptz(ts).float8(Math.round((50 + random.nextGaussian() * 2) * 1000) / 1000.0);
                }
            }
        }
        long t0 = System.nanoTime();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            keys.copyInto(c, "COPY ingested_message (machine_id, ts) FROM STDIN WITH (FORMAT binary)");
            samples.copyInto(c, "COPY counter_sample (machine_id, ts, good, scrap, work_order) FROM STDIN WITH (FORMAT binary)");
            states.copyInto(c, "COPY machine_state_event (machine_id, ts, state) FROM STDIN WITH (FORMAT binary)");
            readings.copyInto(c, "COPY sensor_reading (sensor_id, ts, value) FROM STDIN WITH (FORMAT binary)");
            c.commit();
        }
        return (System.nanoTime() - t0) / 1e9;
    }
}
