package mes.ingest.messaging;

import static mes.support.Api.as;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mes.benchmark.IngestBenchmark;
import mes.support.Api;
import mes.support.BenchmarkTargets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * IngestBenchmark's stream through the Pub/Sub path: published with Google's real Publisher to
 * the gRPC stand-in, pulled by the application's Subscriber (streaming pull, flow control),
 * stored, acknowledged. Shows what the client and gRPC cost next to submitting to the pipeline
 * directly. Latency is publish to `ingested_message.received_at` (the storing transaction's start).
 * Writes target/benchmark/ingest-pubsub.txt; asserts nothing about time.
 */
@QuarkusTest
@WithTestResource(StandInBroker.class)
@TestProfile(IngestBenchmark.HighBudget.class)
@Tag("benchmark")
class PubSubIngestBenchmark {

    static final int MACHINES = 60;
    static final Pattern FIRST = Pattern.compile("\"machineId\":\"([^\"]+)\",\"ts\":\"([^\"]+)\"");

    @Inject
    AgroalDataSource db;

    @Test
    void throughputAndLatencyThroughPubSub() throws Exception {
        String line = Api.hierarchy("UTC").line();
        List<String> machines = new ArrayList<>();
        Map<String, Object> sensors = new LinkedHashMap<>();
        for (int v = 0; v < IngestBenchmark.VALUES; v++) {
            sensors.put("s" + v, Map.of("unit", "u", "lsl", 0, "usl", 100));
        }
        for (int i = 0; i < MACHINES; i++) {
            String m = Api.id("PSB");
            as("admin").body(Map.of("name", m, "lineId", line, "idealCycleTimeSeconds", 10, "sensors", sensors))
                    .put("/api/v1/machines/" + m).then().statusCode(201);
            machines.add(m);
        }
        Instant base = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        run(machines, IngestBenchmark.stream(machines, base, 200, 1), 0); // warm-up
        String saturated = run(machines, IngestBenchmark.stream(machines, base.plusSeconds(60), 3_000, 2), 0);
        String paced = run(machines, IngestBenchmark.stream(machines, base.plusSeconds(600), 1_000, 3), 20_000); // 20,000 readings/s
        String report = "Pub/Sub path (Publisher -> gRPC stand-in -> streaming pull -> pipeline)" + System.lineSeparator()
                + "saturated (published as fast as the publisher takes them): " + saturated + System.lineSeparator()
                + "paced at 20,000 readings/s:                                 " + paced + System.lineSeparator();
        Files.createDirectories(Path.of("target/benchmark"));
        Files.writeString(Path.of("target/benchmark/ingest-pubsub.txt"), report);
        System.out.print(report);
        double p99 = BenchmarkTargets.number(paced, "p99");
        BenchmarkTargets.record("through Pub/Sub: p99 below 250 ms at 20,000 readings/s",
                String.format(Locale.ROOT, "%.0f ms", p99), p99 < 250);
    }

    /** Publishes every payload, one every `pacingMicros` (0: as fast as the publisher takes them); waits until all are stored. */
    String run(List<String> machines, List<byte[]> payloads, long pacingMicros) throws Exception {
        PubSubBroker broker = PubSubBroker.current;
        long messages = (long) payloads.size() * IngestBenchmark.PER_PAYLOAD;
        long before = stored(machines);
        List<String[]> firstKeys = new ArrayList<>();
        List<Instant> published = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < payloads.size(); i++) {
            byte[] p = payloads.get(i);
            if (pacingMicros > 0) {
                long wait = start + i * pacingMicros * 1000 - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
            }
            String data = new String(p, StandardCharsets.UTF_8);
            Matcher m = FIRST.matcher(data);
            m.find();
            firstKeys.add(new String[] {m.group(1), m.group(2)});
            published.add(Instant.now());
            broker.publishAsync(data, Map.of("schemaVersion", "1"));
        }
        while (stored(machines) < before + messages) {
            if (System.nanoTime() - start > 600e9) {
                throw new AssertionError("not all stored within 10 minutes");
            }
            Thread.sleep(50);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Double> latencies = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT received_at FROM ingested_message WHERE machine_id = ? AND ts = ?")) {
            for (int i = 0; i < firstKeys.size(); i++) {
                ps.setString(1, firstKeys.get(i)[0]);
                ps.setTimestamp(2, Timestamp.from(Instant.parse(firstKeys.get(i)[1])));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    latencies.add((rs.getTimestamp(1).toInstant().toEpochMilli() - published.get(i).toEpochMilli()) * 1.0);
                }
            }
        }
        latencies.sort(Double::compare);
        return String.format(Locale.ROOT, "%,d messages (%,d readings) in %.1f s: %,.0f messages/s, %,.0f readings/s;"
                + " publish to stored p50 %.0f ms, p99 %.0f ms", messages, messages * IngestBenchmark.VALUES, seconds, messages / seconds,
                messages * IngestBenchmark.VALUES / seconds, latencies.get(latencies.size() / 2),
                latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1));
    }

    long stored(List<String> machines) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM ingested_message WHERE machine_id = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("text", machines.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
