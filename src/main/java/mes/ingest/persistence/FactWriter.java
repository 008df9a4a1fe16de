package mes.ingest.persistence;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import mes.ingest.StaleFigures;
import mes.ingest.domain.SensorMessage;
import mes.ingest.domain.StatusChange;

/**
 * Writes the facts of validated messages in the caller's transaction.
 *
 * <p>Deduplication first: each message's identity (machine, ts) goes into
 * {@code ingested_message}; a key already there (redelivery, retry) or twice in this batch marks
 * a duplicate, which writes nothing else. Keys twice in the batch are found here. The rest are
 * new in all but rare batches, so they are written optimistically: the keys and counter samples
 * by binary COPY inside a savepoint. Should one of them be stored already, COPY stops at the
 * unique index, the savepoint is rolled back and the batch takes the careful path: one
 * {@code INSERT ... ON CONFLICT DO NOTHING RETURNING} that tells which keys are new, and the
 * counter samples of those with {@code ON CONFLICT DO NOTHING}. Both paths store the same rows;
 * the first costs the database about half (docs/PERFORMANCE.md).
 *
 * <p>The new messages' facts follow: state events (few) as batched inserts, readings by binary
 * COPY (the readings table needs no unique index, see V3), readings above the rate budget as
 * per-second aggregates, the machines' live status and coverage; last, the OEE rollups the new
 * facts make stale are dropped.
 */
@ApplicationScoped
public class FactWriter {

    /**
     * A valid message to store, with the sensor ids of its readings (in the order of its values)
     * and whether its readings are within the machine's rate budget.
     */
    public record Facts(SensorMessage message, int[] sensorIds, boolean withinBudget, int heartbeatTimeoutSeconds) {
    }

    /** What was written: per message whether it was a duplicate, and how many readings went each way. */
    public record Written(boolean[] duplicate, long readings, long downsampledReadings) {
    }

    public static final List<String> DAILY_TABLES = List.of("ingested_message", "sensor_reading", "sensor_reading_downsampled");

    private static final String INSERT_KEYS = "INSERT INTO ingested_message (machine_id, ts)"
            + " SELECT * FROM unnest(?::text[], ?::timestamptz[]) ON CONFLICT DO NOTHING RETURNING machine_id, ts";
    private static final String INSERT_STATE = "INSERT INTO machine_state_event"
            + " (machine_id, ts, state, reason, work_order, seq) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String INSERT_COUNTERS = "INSERT INTO counter_sample (machine_id, ts, good, scrap, work_order)"
            + " SELECT * FROM unnest(?::text[], ?::timestamptz[], ?::int8[], ?::int8[], ?::text[]) ON CONFLICT DO NOTHING";
    private static final String COPY_KEYS = "COPY ingested_message (machine_id, ts) FROM STDIN WITH (FORMAT binary)";
    private static final String COPY_COUNTERS = "COPY counter_sample (machine_id, ts, good, scrap, work_order)"
            + " FROM STDIN WITH (FORMAT binary)";
    private static final String COPY_READINGS = "COPY sensor_reading (sensor_id, ts, value) FROM STDIN WITH (FORMAT binary)";
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String UPSERT_DOWNSAMPLED = """
            INSERT INTO sensor_reading_downsampled AS d (sensor_id, second, min_value, max_value, sum_value, count)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (sensor_id, second) DO UPDATE SET
                min_value = least(d.min_value, excluded.min_value),
                max_value = greatest(d.max_value, excluded.max_value),
                sum_value = d.sum_value + excluded.sum_value,
                count = d.count + excluded.count
            """;
    private static final String UPSERT_STATUS = """
            INSERT INTO machine_status AS s
                (machine_id, state, reason, state_since, state_ts, last_message_ts, work_order)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (machine_id) DO UPDATE SET
                state_since = CASE
                    WHEN excluded.state_ts IS NULL OR (s.state_ts IS NOT NULL AND excluded.state_ts <= s.state_ts)
                        THEN s.state_since
                    WHEN ? AND s.state = excluded.state THEN s.state_since
                    ELSE excluded.state_since END,
                state = CASE WHEN excluded.state_ts IS NULL OR excluded.state_ts <= s.state_ts
                    THEN s.state ELSE excluded.state END,
                reason = CASE WHEN excluded.state_ts IS NULL OR excluded.state_ts <= s.state_ts
                    THEN s.reason ELSE excluded.reason END,
                state_ts = greatest(s.state_ts, excluded.state_ts),
                work_order = CASE WHEN excluded.last_message_ts >= s.last_message_ts
                    THEN coalesce(excluded.work_order, s.work_order) ELSE s.work_order END,
                last_message_ts = greatest(s.last_message_ts, excluded.last_message_ts)
            """;

    private final Set<String> partitions = ConcurrentHashMap.newKeySet();

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry metrics;

    @Inject
    StaleFigures staleFigures;

    private Counter carefulBatches;

    @PostConstruct
    void meters() {
        carefulBatches = Counter.builder("mes.ingest.dedupe.careful").description(
                "batches that held a message stored before (a redelivery), deduplicated by the careful path").register(metrics);
    }

    /** Stores the facts of the batch in the current transaction. */
    public Written write(List<Facts> batch) throws SQLException {
        boolean[] duplicate = new boolean[batch.size()];
        if (batch.isEmpty()) {
            return new Written(duplicate, 0, 0);
        }
        try (Connection c = dataSource.getConnection()) {
            Set<Key> keys = new HashSet<>(batch.size() * 2);
            List<Facts> firsts = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                SensorMessage m = batch.get(i).message();
                duplicate[i] = !keys.add(new Key(m.machineId(), m.ts())); // twice in this batch: new only the first time
                if (!duplicate[i]) {
                    firsts.add(batch.get(i));
                }
            }
            List<Facts> accepted = firsts;
            if (!copyIfAllNew(c, firsts)) {
                carefulBatches.increment();
                Set<Key> fresh = insertKeys(c, firsts);
                accepted = new ArrayList<>(firsts.size());
                for (int i = 0; i < batch.size(); i++) {
                    SensorMessage m = batch.get(i).message();
                    if (!duplicate[i]) {
                        duplicate[i] = !fresh.contains(new Key(m.machineId(), m.ts()));
                        if (!duplicate[i]) {
                            accepted.add(batch.get(i));
                        }
                    }
                }
                writeCounters(c, accepted);
            }
            writeStates(c, accepted);
            long readings = copyReadings(c, accepted);
            long downsampled = writeDownsampled(c, accepted);
            updateStatus(c, accepted);
            updateCoverage(c, accepted);
            staleFigures.invalidate(earliestByMachine(accepted));
            return new Written(duplicate, readings, downsampled);
        }
    }

    /** Creates the daily partitions these days need (known ones from memory), in a transaction of their own. */
    public void ensurePartitions(Map<String, Set<LocalDate>> daysByTable) {
        List<String[]> missing = new ArrayList<>();
        daysByTable.forEach((table, days) -> days.stream().sorted()
                .filter(d -> !partitions.contains(table + d))
                .forEach(d -> missing.add(new String[] {table, d.toString()})));
        if (!missing.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> create(missing));
            missing.forEach(m -> partitions.add(m[0] + LocalDate.parse(m[1]))); // remembered once committed
        }
    }

    private void create(List<String[]> missing) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT ensure_daily_partition(?, ?::date)")) {
            for (String[] m : missing) {
                ps.setString(1, m[0]);
                ps.setString(2, m[1]);
                ps.execute();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create partitions " + missing.stream().map(m -> m[0] + "/" + m[1]).toList(), e);
        }
    }

    /** Forgets which partitions exist (after retention dropped some, or a failed commit). */
    public void forgetPartitions() {
        partitions.clear();
    }

    /** The partitions a batch needs, by table. */
    public static Map<String, Set<LocalDate>> partitionsFor(List<Facts> batch) {
        Map<String, Set<LocalDate>> days = new HashMap<>();
        for (Facts f : batch) {
            LocalDate day = dayOf(f.message().ts());
            days.computeIfAbsent("ingested_message", k -> new HashSet<>()).add(day);
            if (!f.message().values().isEmpty()) {
                days.computeIfAbsent(f.withinBudget() ? "sensor_reading" : "sensor_reading_downsampled",
                        k -> new HashSet<>()).add(day);
            }
        }
        return days;
    }

    public static LocalDate dayOf(Instant ts) {
        return LocalDate.ofInstant(ts, ZoneOffset.UTC);
    }

    private record Key(String machineId, Instant ts) {
    }

    /**
     * The optimistic path: COPY of the batch's keys and counter samples inside a savepoint. False,
     * with nothing of it left, when one of the keys (or a counter sample) was stored before.
     */
    private static boolean copyIfAllNew(Connection c, List<Facts> messages) throws SQLException {
        BinaryCopy keys = new BinaryCopy(messages.size() * 40);
        BinaryCopy counters = new BinaryCopy(messages.size() * 80);
        for (Facts f : messages) {
            SensorMessage m = f.message();
            keys.row(2).text(m.machineId()).timestamptz(m.ts());
            if (m.counters() != null) {
                counters.row(5).text(m.machineId()).timestamptz(m.ts()).int8(m.counters().good()).int8(m.counters().scrap())
                        .text(m.workOrder());
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("SAVEPOINT all_new");
            try {
                keys.copyInto(c, COPY_KEYS);
                if (counters.rows() > 0) {
                    counters.copyInto(c, COPY_COUNTERS);
                }
            } catch (SQLException e) {
                try {
                    s.execute("ROLLBACK TO SAVEPOINT all_new");
                } catch (SQLException lost) { // the connection itself failed: report why the COPY did
                    e.addSuppressed(lost);
                    throw e;
                }
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return false;
                }
                throw e;
            }
            s.execute("RELEASE SAVEPOINT all_new");
            return true;
        }
    }

    /** The careful path: which keys are new, told by the database. */
    private static Set<Key> insertKeys(Connection c, List<Facts> batch) throws SQLException {
        String[] machines = new String[batch.size()];
        Timestamp[] times = new Timestamp[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            machines[i] = batch.get(i).message().machineId();
            times[i] = Timestamp.from(batch.get(i).message().ts());
        }
        Set<Key> fresh = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(INSERT_KEYS)) {
            Array machineArray = c.createArrayOf("text", machines);
            Array timeArray = c.createArrayOf("timestamptz", times);
            ps.setArray(1, machineArray);
            ps.setArray(2, timeArray);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    fresh.add(new Key(rs.getString(1), rs.getTimestamp(2).toInstant()));
                }
            }
        }
        return fresh;
    }

    private static void writeStates(Connection c, List<Facts> accepted) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_STATE)) {
            int n = 0;
            for (Facts f : accepted) {
                SensorMessage m = f.message();
                if (m.state() != null) {
                    ps.setString(1, m.machineId());
                    ps.setTimestamp(2, Timestamp.from(m.ts()));
                    ps.setString(3, m.state().name());
                    ps.setString(4, m.reason());
                    ps.setString(5, m.workOrder());
                    setLong(ps, 6, m.seq());
                    ps.addBatch();
                    n++;
                }
            }
            if (n > 0) {
                ps.executeBatch();
            }
        }
    }

    /** All counter samples of the batch in one statement (arrays), not one execution per row. */
    private static void writeCounters(Connection c, List<Facts> accepted) throws SQLException {
        List<String> machines = new ArrayList<>();
        List<Timestamp> times = new ArrayList<>();
        List<Long> good = new ArrayList<>();
        List<Long> scrap = new ArrayList<>();
        List<String> orders = new ArrayList<>();
        for (Facts f : accepted) {
            SensorMessage m = f.message();
            if (m.counters() != null) {
                machines.add(m.machineId());
                times.add(Timestamp.from(m.ts()));
                good.add(m.counters().good());
                scrap.add(m.counters().scrap());
                orders.add(m.workOrder());
            }
        }
        if (machines.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_COUNTERS)) {
            ps.setArray(1, c.createArrayOf("text", machines.toArray()));
            ps.setArray(2, c.createArrayOf("timestamptz", times.toArray()));
            ps.setArray(3, c.createArrayOf("int8", good.toArray()));
            ps.setArray(4, c.createArrayOf("int8", scrap.toArray()));
            ps.setArray(5, c.createArrayOf("text", orders.toArray()));
            ps.executeUpdate();
        }
    }

    private static long copyReadings(Connection c, List<Facts> accepted) throws SQLException {
        BinaryCopy rows = new BinaryCopy(accepted.size() * 8 * 30);
        for (Facts f : accepted) {
            if (!f.withinBudget() || f.message().values().isEmpty()) {
                continue;
            }
            Instant ts = f.message().ts();
            int k = 0;
            for (double value : f.message().values().values()) {
                rows.row(3).int4(f.sensorIds()[k++]).timestamptz(ts).float8(value);
            }
        }
        if (rows.rows() > 0) {
            rows.copyInto(c, COPY_READINGS);
        }
        return rows.rows();
    }

    /** One aggregate per (sensor, second) of the readings above the budget. */
    private static long writeDownsampled(Connection c, List<Facts> accepted) throws SQLException {
        Map<String, double[]> aggregates = new LinkedHashMap<>(); // min, max, sum, count, sensor, epochSecond
        long count = 0;
        for (Facts f : accepted) {
            if (f.withinBudget() || f.message().values().isEmpty()) {
                continue;
            }
            long second = f.message().ts().truncatedTo(ChronoUnit.SECONDS).getEpochSecond();
            int k = 0;
            for (double value : f.message().values().values()) {
                int sensor = f.sensorIds()[k++];
                double[] a = aggregates.computeIfAbsent(sensor + "@" + second,
                        x -> new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0, 0, sensor, second});
                a[0] = Math.min(a[0], value);
                a[1] = Math.max(a[1], value);
                a[2] += value;
                a[3]++;
                count++;
            }
        }
        if (aggregates.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement(UPSERT_DOWNSAMPLED)) {
            for (double[] a : aggregates.values()) {
                ps.setInt(1, (int) a[4]);
                ps.setTimestamp(2, Timestamp.from(Instant.ofEpochSecond((long) a[5])));
                ps.setDouble(3, a[0]);
                ps.setDouble(4, a[1]);
                ps.setDouble(5, a[2]);
                ps.setInt(6, (int) a[3]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return count;
    }

    private static void updateStatus(Connection c, List<Facts> accepted) throws SQLException {
        Map<String, List<SensorMessage>> byMachine = new HashMap<>();
        for (Facts f : accepted) {
            byMachine.computeIfAbsent(f.message().machineId(), k -> new ArrayList<>()).add(f.message());
        }
        if (byMachine.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(UPSERT_STATUS)) {
            for (Map.Entry<String, List<SensorMessage>> e : byMachine.entrySet()) {
                StatusChange change = StatusChange.of(e.getKey(), e.getValue());
                ps.setString(1, change.machineId());
                ps.setString(2, change.state() == null ? null : change.state().name());
                ps.setString(3, change.reason());
                ps.setTimestamp(4, change.runStart() == null ? null : Timestamp.from(change.runStart()));
                ps.setTimestamp(5, change.stateTs() == null ? null : Timestamp.from(change.stateTs()));
                ps.setTimestamp(6, Timestamp.from(change.lastMessageTs()));
                ps.setString(7, change.workOrder());
                ps.setBoolean(8, change.oneStateOnly());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static final String UPSERT_COVERAGE = "INSERT INTO machine_coverage AS m (machine_id, online)"
            + " SELECT * FROM unnest(?::text[], ?::tstzmultirange[])"
            + " ON CONFLICT (machine_id) DO UPDATE SET online = m.online + excluded.online";

    /** Adds [ts, ts + heartbeat timeout) of every new message to its machine's coverage, all machines in one statement. */
    private static void updateCoverage(Connection c, List<Facts> accepted) throws SQLException {
        Map<String, List<Instant[]>> byMachine = new HashMap<>();
        for (Facts f : accepted) {
            Instant ts = f.message().ts();
            byMachine.computeIfAbsent(f.message().machineId(), k -> new ArrayList<>())
                    .add(new Instant[] {ts, ts.plusSeconds(f.heartbeatTimeoutSeconds())});
        }
        if (byMachine.isEmpty()) {
            return;
        }
        // sorted by machine: every writer takes the row locks in the same order
        Map<String, String> coverage = new java.util.TreeMap<>();
        for (Map.Entry<String, List<Instant[]>> e : byMachine.entrySet()) {
            List<Instant[]> ranges = e.getValue();
            ranges.sort(Comparator.comparing(r -> r[0]));
            StringBuilder literal = new StringBuilder("{");
            Instant from = null;
            Instant to = null;
            for (Instant[] r : ranges) {
                if (from != null && !r[0].isAfter(to)) {
                    to = r[1].isAfter(to) ? r[1] : to;
                    continue;
                }
                if (from != null) {
                    literal.append(literal.length() > 1 ? "," : "").append('[').append(from).append(',').append(to).append(')');
                }
                from = r[0];
                to = r[1];
            }
            literal.append(literal.length() > 1 ? "," : "").append('[').append(from).append(',').append(to).append(")}");
            coverage.put(e.getKey(), literal.toString());
        }
        try (PreparedStatement ps = c.prepareStatement(UPSERT_COVERAGE)) {
            ps.setArray(1, c.createArrayOf("text", coverage.keySet().toArray()));
            ps.setArray(2, c.createArrayOf("text", coverage.values().toArray()));
            ps.executeUpdate();
        }
    }

    private static Map<String, Instant> earliestByMachine(List<Facts> accepted) {
        Map<String, Instant> earliest = new HashMap<>();
        for (Facts f : accepted) {
            earliest.merge(f.message().machineId(), f.message().ts(), (a, b) -> a.isBefore(b) ? a : b);
        }
        return earliest;
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }
}
