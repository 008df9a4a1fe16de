package mes.ingest.domain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import mes.equipment.domain.MachineState;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Microbenchmarks (JMH) of the decoder's hot path: a gateway's payload of 50 messages with 8
 * values and counters each, and the RFC 3339 timestamp alone, through {@link Rfc3339} and through
 * java.time's formatter that it replaced. The JUnit method runs JMH (two forks, each 5 s of warm-up
 * and 5 s measured) and writes target/benchmark/decoder.txt; it asserts nothing about time.
 */
@Tag("benchmark")
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = "-Xmx512m")
public class DecoderBenchmark {

    static final int MESSAGES = 50;
    static final int VALUES = 8;
    static final int TIMESTAMPS = 1024;

    private final SensorMessageDecoder decoder = new SensorMessageDecoder();
    private byte[] payload;
    private String[] timestamps;
    private int next;

    @Setup
    public void setUp() {
        Random random = new Random(42);
        Instant start = Instant.parse("2026-11-25T06:00:00Z");
        List<SensorMessage> messages = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            Map<String, Double> values = new LinkedHashMap<>();
            for (int v = 0; v < VALUES; v++) {
                values.put("sensor_" + v, Math.round(random.nextGaussian() * 1000) / 100.0 + 60);
            }
            messages.add(new SensorMessage("CNC-" + (i % 60), start.plusMillis(i * 1_000L + random.nextInt(1000)),
                    (long) i, i % 10 == 0 ? MachineState.RUNNING : null, null,
                    new SensorMessage.Counters((long) 10_000 + i, (long) i / 10), values, "WO-2026-00187"));
        }
        payload = SensorMessageEncoder.toJsonArray(messages).getBytes(StandardCharsets.UTF_8);
        if (!(decoder.decode(payload) instanceof DecodedPayload.Messages decoded)
                || decoded.items().stream().anyMatch(d -> !(d instanceof Decoded.Valid))) {
            throw new IllegalStateException("the measured payload must decode to valid messages only");
        }
        // the forms gateways send: Z or an offset, no fraction or 1 to 3 digits of it
        String[] fractions = {"", ".1", ".12", ".125"};
        String[] offsets = {"Z", "+01:00", "-05:00"};
        timestamps = new String[TIMESTAMPS];
        for (int i = 0; i < TIMESTAMPS; i++) {
            String local = start.plusSeconds(random.nextInt(86_400)).toString().substring(0, 19);
            timestamps[i] = local + fractions[random.nextInt(fractions.length)] + offsets[random.nextInt(offsets.length)];
        }
    }

    @Benchmark
    public Object decodePayloadOf50Messages() {
        return decoder.decode(payload);
    }

    @Benchmark
    public Object timestampRfc3339() {
        return Rfc3339.parse(timestamps[next++ & (TIMESTAMPS - 1)]);
    }

    @Benchmark
    public Object timestampJavaTimeFormatter() {
        return OffsetDateTime.parse(timestamps[next++ & (TIMESTAMPS - 1)], Rfc3339.FORMATTER).toInstant();
    }

    @Test
    void run() throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(DecoderBenchmark.class.getName() + "\\.")
                .build()).run();
        StringBuilder table = new StringBuilder("| benchmark | ns/op | ± (99.9 %) |\n|---|---|---|\n");
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            table.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f |%n", name.substring(name.lastIndexOf('.') + 1),
                    r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()));
        }
        write(table.toString());
    }

    private static void write(String text) throws IOException {
        Path out = Path.of("target/benchmark/decoder.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, text);
        System.out.print(text);
    }
}
