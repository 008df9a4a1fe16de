package mes.ingest.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import mes.ingest.domain.SensorMessage;

/**
 * Writes the facts of validated messages with batched JDBC statements in the caller's
 * transaction: state events, counter samples, readings, and the machines' current status.
 * Every insert is keyed on (machine, ts) or (sensor, ts) and conflicts do nothing, so a
 * redelivered message changes nothing; a message all of whose rows conflicted is a duplicate.
 */
@ApplicationScoped
public class FactWriter {

    /** A message to store, with the sensor ids of its readings resolved (same order as its values). */
    public record Facts(SensorMessage message, int[] sensorIds) {
    }

    private static final String INSERT_STATE = "INSERT INTO machine_state_event"
            + " (machine_id, ts, state, reason, work_order, seq) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String INSERT_COUNTERS = "INSERT INTO counter_sample"
            + " (machine_id, ts, good, scrap, work_order) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String INSERT_READING = "INSERT INTO sensor_reading"
            + " (sensor_id, ts, value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
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

    private final Set<LocalDate> partitions = ConcurrentHashMap.newKeySet();

    @Inject
    AgroalDataSource dataSource;

    /** Stores the facts; answers for each message whether it was a duplicate. */
    public boolean[] write(List<Facts> batch) throws SQLException {
        boolean[] duplicate = new boolean[batch.size()];
        if (batch.isEmpty()) {
            return duplicate;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement states = c.prepareStatement(INSERT_STATE);
                PreparedStatement counters = c.prepareStatement(INSERT_COUNTERS);
                PreparedStatement readings = c.prepareStatement(INSERT_READING)) {
            List<int[]> owners = new ArrayList<>(); // [kind, message index]
            int[] rowsTried = new int[batch.size()];
            int[] rowsWritten = new int[batch.size()];
            List<Integer> stateOwners = new ArrayList<>();
            List<Integer> counterOwners = new ArrayList<>();
            List<Integer> readingOwners = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                SensorMessage m = batch.get(i).message();
                Timestamp ts = Timestamp.from(m.ts());
                if (m.state() != null) {
                    states.setString(1, m.machineId());
                    states.setTimestamp(2, ts);
                    states.setString(3, m.state().name());
                    states.setString(4, m.reason());
                    states.setString(5, m.workOrder());
                    setLong(states, 6, m.seq());
                    states.addBatch();
                    stateOwners.add(i);
                }
                if (m.counters() != null) {
                    counters.setString(1, m.machineId());
                    counters.setTimestamp(2, ts);
                    setLong(counters, 3, m.counters().good());
                    setLong(counters, 4, m.counters().scrap());
                    counters.setString(5, m.workOrder());
                    counters.addBatch();
                    counterOwners.add(i);
                }
                int[] sensorIds = batch.get(i).sensorIds();
                int k = 0;
                for (double value : m.values().values()) {
                    readings.setInt(1, sensorIds[k++]);
                    readings.setTimestamp(2, ts);
                    readings.setDouble(3, value);
                    readings.addBatch();
                    readingOwners.add(i);
                }
            }
            count(states, stateOwners, rowsTried, rowsWritten);
            count(counters, counterOwners, rowsTried, rowsWritten);
            count(readings, readingOwners, rowsTried, rowsWritten);
            for (int i = 0; i < batch.size(); i++) {
                duplicate[i] = rowsTried[i] > 0 && rowsWritten[i] == 0;
            }
            updateStatus(c, batch, duplicate);
        }
        return duplicate;
    }

    /** Creates the daily partitions of sensor_reading that these days need, each in its own transaction. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void ensurePartitions(Set<LocalDate> days) throws SQLException {
        List<LocalDate> missing = days.stream().filter(d -> !partitions.contains(d)).sorted().toList();
        if (missing.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT ensure_sensor_reading_partition(?)")) {
            for (LocalDate day : missing) {
                ps.setObject(1, day);
                ps.execute();
            }
        }
        partitions.addAll(missing);
    }

    /** Forgets which partitions exist (after retention dropped some). */
    public void forgetPartitions() {
        partitions.clear();
    }

    public static LocalDate dayOf(Instant ts) {
        return LocalDate.ofInstant(ts, ZoneOffset.UTC);
    }

    private static void count(PreparedStatement ps, List<Integer> owners, int[] tried, int[] written) throws SQLException {
        if (owners.isEmpty()) {
            return;
        }
        int[] counts = ps.executeBatch();
        for (int r = 0; r < counts.length; r++) {
            int owner = owners.get(r);
            tried[owner]++;
            if (counts[r] != 0) {
                written[owner]++;
            }
        }
    }

    private static void updateStatus(Connection c, List<Facts> batch, boolean[] duplicate) throws SQLException {
        Map<String, List<SensorMessage>> byMachine = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            if (!duplicate[i]) {
                SensorMessage m = batch.get(i).message();
                byMachine.computeIfAbsent(m.machineId(), k -> new ArrayList<>()).add(m);
            }
        }
        if (byMachine.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(UPSERT_STATUS)) {
            for (Map.Entry<String, List<SensorMessage>> e : byMachine.entrySet()) {
                List<SensorMessage> messages = e.getValue();
                messages.sort(Comparator.comparing(SensorMessage::ts));
                SensorMessage newest = messages.get(messages.size() - 1);
                List<SensorMessage> withState = messages.stream().filter(m -> m.state() != null).toList();
                SensorMessage lastState = withState.isEmpty() ? null : withState.get(withState.size() - 1);
                Instant runStart = null;
                boolean allSame = true;
                if (lastState != null) {
                    runStart = lastState.ts();
                    for (int i = withState.size() - 1; i >= 0 && withState.get(i).state() == lastState.state(); i--) {
                        runStart = withState.get(i).ts();
                    }
                    allSame = withState.stream().allMatch(m -> m.state() == lastState.state());
                }
                String workOrder = null;
                for (SensorMessage m : messages) {
                    if (m.workOrder() != null) {
                        workOrder = m.workOrder();
                    }
                }
                ps.setString(1, e.getKey());
                ps.setString(2, lastState == null ? null : lastState.state().name());
                ps.setString(3, lastState == null ? null : lastState.reason());
                ps.setTimestamp(4, runStart == null ? null : Timestamp.from(runStart));
                ps.setTimestamp(5, lastState == null ? null : Timestamp.from(lastState.ts()));
                ps.setTimestamp(6, Timestamp.from(newest.ts()));
                ps.setString(7, workOrder);
                ps.setBoolean(8, allSame);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }
}
