package mes.ingest.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import mes.support.SensorStream;

/**
 * A stream of known content published to the Pub/Sub stand-in, and the check that the database
 * holds exactly it: every reading, state event and counter sample once, each machine's last
 * state, and each rejected message in quarantine once. CrashRecoveryIT and RollingUpgradeIT
 * hurt the application while it flows.
 */
final class KnownStream {

    static final int MACHINES = 8;
    static final int MESSAGES_PER_MACHINE = 400;
    static final int MESSAGES_PER_PAYLOAD = 10;
    static final int PAYLOADS_PER_SECOND = 10;
    static final String[] SENSORS = {"spindle_temp_c", "vibration_mm_s"};

    private final ObjectMapper json = new ObjectMapper();
    private final StandInBroker broker;
    private final String jdbcUrl;
    private final Supplier<Object> logs;

    /** @param logs what to name in a failure to look at (the application's log files) */
    KnownStream(StandInBroker broker, String jdbcUrl, Supplier<Object> logs) {
        this.broker = broker;
        this.jdbcUrl = jdbcUrl;
        this.logs = logs;
    }

    /** A stream of known content: payloads of one machine's consecutive messages, the machines in turn, some of them bad. */
    record Stream(List<String> machines, List<String> payloads, List<String> messages, String ghost, int ghosts,
            List<String> garbage) {
    }

    Stream stream(String prefix, long seed) {
        List<String> machines = IntStream.range(0, MACHINES).mapToObj(m -> prefix + "-" + m).toList();
        Instant start = Instant.now().minus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        List<List<String>> perMachine = new ArrayList<>();
        for (int m = 0; m < MACHINES; m++) {
            perMachine.add(SensorStream.messages(machines.get(m), start, MESSAGES_PER_MACHINE, seed + m));
        }
        List<String> payloads = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        List<String> garbage = new ArrayList<>();
        int ghosts = 0;
        for (int i = 0; i < MESSAGES_PER_MACHINE; i += MESSAGES_PER_PAYLOAD) {
            for (int m = 0; m < MACHINES; m++) {
                List<String> part = new ArrayList<>(perMachine.get(m).subList(i, i + MESSAGES_PER_PAYLOAD));
                messages.addAll(part);
                if (payloads.size() % 25 == 7) { // a gateway forwarding a machine nobody registered: that message is quarantined
                    part.add("{\"machineId\":\"" + prefix + "-UNREGISTERED\",\"ts\":\"" + start.plusSeconds(payloads.size())
                            + "\",\"values\":{\"t\":1}}");
                    ghosts++;
                }
                payloads.add(SensorStream.array(part));
                if (payloads.size() % 100 == 50) { // a payload that is not JSON at all
                    garbage.add("garbage " + prefix + " " + payloads.size());
                    payloads.add(garbage.get(garbage.size() - 1));
                }
            }
        }
        return new Stream(machines, payloads, messages, prefix + "-UNREGISTERED", ghosts, garbage);
    }

    /** Publishes the stream at a steady pace on a thread of its own, as the gateways would. */
    final class Publishing {
        final long started = System.nanoTime();
        final Thread thread;
        volatile Exception failure;

        /**
         * @param gate when not null, the second half of the stream waits for it: what a test does
         *        to the application in between then happens while messages still flow, however long it takes
         */
        Publishing(Stream stream, java.util.concurrent.CountDownLatch gate) {
            thread = new Thread(() -> {
                try {
                    List<com.google.api.core.ApiFuture<String>> sent = new ArrayList<>();
                    long interval = TimeUnit.SECONDS.toNanos(1) / PAYLOADS_PER_SECOND;
                    long base = started;
                    int half = stream.payloads.size() / 2;
                    for (int i = 0; i < stream.payloads.size(); i++) {
                        if (gate != null && i == half) {
                            if (!gate.await(5, TimeUnit.MINUTES)) {
                                throw new IllegalStateException("the gate was not opened within 5 minutes");
                            }
                            base = System.nanoTime() - i * interval;
                        }
                        sent.add(broker.publishAsync(stream.payloads.get(i), Map.of("schemaVersion", "1")));
                        long wait = base + (i + 1) * interval - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                    }
                    for (com.google.api.core.ApiFuture<String> f : sent) {
                        f.get(30, TimeUnit.SECONDS);
                    }
                } catch (Exception e) {
                    failure = e;
                }
            }, "publisher");
            thread.setDaemon(true); // a test that failed before opening the gate does not wait for it
            thread.start();
        }

        double seconds() {
            return (System.nanoTime() - started) / 1e9;
        }

        void join() throws Exception {
            thread.join(TimeUnit.MINUTES.toMillis(5));
            if (failure != null) {
                throw failure;
            }
        }
    }

    Publishing publish(Stream stream) {
        return new Publishing(stream, null);
    }

    /** Publishes the first half of the stream, and the second half once the gate is opened. */
    Publishing publish(Stream stream, java.util.concurrent.CountDownLatch gate) {
        return new Publishing(stream, gate);
    }

    /** Waits until the subscription has nothing unacknowledged and every message of the stream is stored. */
    void drained(Stream stream) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        long stored = -1;
        while (System.nanoTime() < deadline) {
            stored = count("SELECT count(*) FROM ingested_message WHERE machine_id = ANY (?)", stream.machines);
            if (broker.unacknowledged() == 0 && stored >= stream.messages.size()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("not drained within 180 s: " + broker.unacknowledged() + " unacknowledged, " + stored + " of "
                + stream.messages.size() + " messages stored; see " + logs.get());
    }

    void assertStoredExactlyOnce(Stream stream) throws Exception {
        List<String> readings = new ArrayList<>();
        List<String> states = new ArrayList<>();
        List<String> counters = new ArrayList<>();
        Map<String, String> lastState = new TreeMap<>();
        Map<String, Instant> lastStateAt = new HashMap<>();
        for (String message : stream.messages) {
            JsonNode m = json.readTree(message);
            String machine = m.get("machineId").asText();
            Instant ts = Instant.parse(m.get("ts").asText());
            for (Iterator<Map.Entry<String, JsonNode>> v = m.get("values").fields(); v.hasNext();) {
                Map.Entry<String, JsonNode> e = v.next();
                readings.add(machine + "|" + e.getKey() + "|" + ts.toEpochMilli() + "|" + e.getValue().asDouble());
            }
            if (m.has("state")) {
                String reason = m.has("reason") ? m.get("reason").asText() : null;
                states.add(machine + "|" + ts.toEpochMilli() + "|" + m.get("state").asText() + "|" + reason + "|" + m.get("seq").asLong());
                if (!ts.isBefore(lastStateAt.getOrDefault(machine, Instant.MIN))) {
                    lastStateAt.put(machine, ts);
                    lastState.put(machine, m.get("state").asText() + "|" + reason);
                }
            }
            if (m.has("counters")) {
                counters.add(machine + "|" + ts.toEpochMilli() + "|" + m.get("counters").get("good").asLong() + "|"
                        + m.get("counters").get("scrap").asLong());
            }
        }
        try (Connection c = connect()) {
            assertSameMultiset("readings", readings, rows(c, "SELECT s.machine_id, s.name, r.ts, r.value FROM sensor_reading r"
                    + " JOIN machine_sensor s ON s.id = r.sensor_id WHERE s.machine_id = ANY (?)", stream.machines));
            assertSameMultiset("state events", states, rows(c,
                    "SELECT machine_id, ts, state, reason, seq FROM machine_state_event WHERE machine_id = ANY (?)", stream.machines));
            assertSameMultiset("counter samples", counters, rows(c,
                    "SELECT machine_id, ts, good, scrap FROM counter_sample WHERE machine_id = ANY (?)", stream.machines));
            assertThat(new TreeMap<>(Map.ofEntries(rows(c, "SELECT machine_id, state, reason FROM machine_status WHERE machine_id = ANY (?)",
                    stream.machines).stream().map(r -> Map.entry(r.substring(0, r.indexOf('|')), r.substring(r.indexOf('|') + 1)))
                    .toArray(Map.Entry[]::new)))).as("each machine's state is its last published state").isEqualTo(lastState);
            // by content: each ghost message is unique; a release before V11 kept no delivery key (null), so not by that
            assertThat(rows(c, "SELECT count(*), count(DISTINCT raw) FROM quarantined_message WHERE machine_id = ?", stream.ghost))
                    .as("each unregistered machine's message quarantined once").containsExactly(stream.ghosts + "|" + stream.ghosts);
            for (String g : stream.garbage) {
                try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM quarantined_message WHERE raw = ?")) {
                    ps.setBytes(1, g.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        assertThat(rs.getLong(1)).as("'%s' quarantined once", g).isEqualTo(1);
                    }
                }
            }
        }
        System.out.printf("stored exactly once: %,d readings, %,d state events, %,d counter samples, %d machines' states,"
                + " %d quarantined messages and %d quarantined payloads%n", readings.size(), states.size(), counters.size(),
                lastState.size(), stream.ghosts, stream.garbage.size());
    }

    private static void assertSameMultiset(String what, List<String> published, List<String> stored) {
        Map<String, Integer> difference = new HashMap<>();
        published.forEach(p -> difference.merge(p, 1, Integer::sum));
        stored.forEach(s -> difference.merge(s, -1, Integer::sum));
        List<String> lost = difference.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).sorted().toList();
        List<String> doubled = difference.entrySet().stream().filter(e -> e.getValue() < 0).map(Map.Entry::getKey).sorted().toList();
        assertThat(lost).as("%s published but not stored (%d of %d)", what, lost.size(), published.size()).isEmpty();
        assertThat(doubled).as("%s stored more often than published (%d)", what, doubled.size()).isEmpty();
        assertThat(stored).hasSameSizeAs(published);
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection(jdbcUrl, "mes", "mes");
    }

    private long count(String sql, List<String> machines) throws Exception {
        try (Connection c = connect()) {
            return Long.parseLong(rows(c, sql, machines).get(0));
        }
    }

    /** Rows as "a|b|c"; timestamps as epoch milliseconds, numbers as Java prints them. */
    private static List<String> rows(Connection c, String sql, Object parameter) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (parameter instanceof List<?> list) {
                ps.setArray(1, c.createArrayOf("text", list.toArray()));
            } else {
                ps.setObject(1, parameter);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<String> out = new ArrayList<>();
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= columns; i++) {
                        Object value = rs.getObject(i);
                        String text = value instanceof java.sql.Timestamp t ? Long.toString(t.toInstant().toEpochMilli())
                                : value instanceof java.time.OffsetDateTime o ? Long.toString(o.toInstant().toEpochMilli())
                                : String.valueOf(value);
                        row.append(i > 1 ? "|" : "").append(text);
                    }
                    out.add(row.toString());
                }
                return out;
            }
        }
    }
}
