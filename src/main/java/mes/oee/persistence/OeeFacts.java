package mes.oee.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mes.equipment.domain.MachineState;
import mes.oee.domain.CounterSample;
import mes.oee.domain.Interval;
import mes.oee.domain.ManualReason;
import mes.oee.domain.StateEvent;

/** Reads the stored facts the OEE figures are derived from (one machine, one window). */
@ApplicationScoped
public class OeeFacts {

    @jakarta.inject.Inject
    mes.audit.AuditTrail audit;

    /**
     * Where a machine stands and what it needs for OEE; {@code commissioned} is when its planned
     * time begins (its commissionedAt, else its first message; null when it has neither).
     */
    public record MachineContext(String machineId, String lineId, String areaId, String siteId, String timeZone,
            double idealCycleTimeSeconds, Instant commissioned) {
    }

    /** Everything stored about one machine that matters for a window. */
    public record MachineFacts(List<StateEvent> events, List<Interval> online, List<CounterSample> samples,
            List<ManualReason> manual) {
    }

    private static final String CONTEXT = """
            SELECT m.id, l.id, a.id, s.id, s.time_zone, m.ideal_cycle_time_seconds,
                   coalesce(m.commissioned_at, (SELECT lower(c.online) FROM machine_coverage c WHERE c.machine_id = m.id))
            FROM machine m JOIN line l ON l.id = m.line_id JOIN area a ON a.id = l.area_id JOIN site s ON s.id = a.site_id
            """;

    /** State changes only (repeats of the same state and reason are dropped), from the one in force at `from`. */
    private static final String EVENTS = """
            SELECT ts, state, reason FROM (
                SELECT ts, state, reason, lag(state) OVER w AS ps, lag(reason) OVER w AS pr
                FROM machine_state_event
                WHERE machine_id = ? AND ts < ?
                  AND ts >= coalesce((SELECT max(ts) FROM machine_state_event WHERE machine_id = ? AND ts <= ?), '-infinity')
                WINDOW w AS (ORDER BY ts)) x
            WHERE ps IS NULL OR ps <> state OR pr IS DISTINCT FROM reason
            ORDER BY ts
            """;

    private static final String ONLINE = """
            SELECT lower(r), upper(r) FROM machine_coverage, unnest(online * tstzmultirange(tstzrange(?, ?))) r
            WHERE machine_id = ? ORDER BY 1
            """;

    /** The samples of the window, and before it the last one with each counter (the baselines). */
    private static final String SAMPLES = """
            (SELECT ts, good, scrap, work_order FROM counter_sample WHERE machine_id = ? AND ts < ? AND good IS NOT NULL
             ORDER BY ts DESC LIMIT 1)
            UNION
            (SELECT ts, good, scrap, work_order FROM counter_sample WHERE machine_id = ? AND ts < ? AND scrap IS NOT NULL
             ORDER BY ts DESC LIMIT 1)
            UNION ALL
            (SELECT ts, good, scrap, work_order FROM counter_sample WHERE machine_id = ? AND ts >= ? AND ts < ?)
            ORDER BY 1
            """;

    private static final String MANUAL = """
            SELECT from_ts, to_ts, reason, entered_at FROM downtime_reason
            WHERE machine_id = ? AND from_ts < ? AND to_ts > ? ORDER BY entered_at, id
            """;

    private static final String PRI = """
            SELECT r.machine_id, w.id, r.ideal_cycle_time_seconds FROM work_order w
            JOIN routing_operation r ON r.part_id = w.part_id AND r.machine_id = ANY(?)
            """;

    @Inject
    AgroalDataSource dataSource;

    /** The machines of a scope with their context; empty when the scope's id does not exist or has none. */
    public List<MachineContext> machines(String scope, String id) throws SQLException {
        String where = switch (scope) {
            case "machine" -> "m.id = ?";
            case "line" -> "l.id = ?";
            case "area" -> "a.id = ?";
            case "site" -> "s.id = ?";
            default -> throw new IllegalArgumentException("scope " + scope);
        };
        List<MachineContext> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(CONTEXT + " WHERE " + where
                + " ORDER BY m.id")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp commissioned = rs.getTimestamp(7);
                    out.add(new MachineContext(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getDouble(6), commissioned == null ? null : commissioned.toInstant()));
                }
            }
        }
        return out;
    }

    /** Every machine's id. */
    public List<String> machineIds() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT id FROM machine ORDER BY id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** True when a record of that scope and id exists (a line without machines, say). */
    public boolean exists(String scope, String id) throws SQLException {
        String table = switch (scope) {
            case "machine", "line", "area", "site" -> scope;
            default -> throw new IllegalArgumentException("scope " + scope);
        };
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM " + table + " WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    public MachineFacts facts(String machineId, Interval window) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return facts(c, machineId, window);
        }
    }

    /** The facts a state timeline needs: states, coverage and reasons, without the counter samples. */
    public MachineFacts states(String machineId, Interval window) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return facts(c, machineId, window, false);
        }
    }

    /** A machine's counter samples of a window, from the last one before it (the baseline of its first increment). */
    public List<CounterSample> samples(String machineId, Interval window) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return samples(c, machineId, Timestamp.from(window.from()), Timestamp.from(window.to()));
        }
    }

    /** The facts of a machine for a window, read on the given connection (inside its transaction). */
    public static MachineFacts facts(Connection c, String machineId, Interval window) throws SQLException {
        return facts(c, machineId, window, true);
    }

    private static List<CounterSample> samples(Connection c, String machineId, Timestamp from, Timestamp to) throws SQLException {
        List<CounterSample> samples = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SAMPLES)) {
            ps.setString(1, machineId);
            ps.setTimestamp(2, from);
            ps.setString(3, machineId);
            ps.setTimestamp(4, from);
            ps.setString(5, machineId);
            ps.setTimestamp(6, from);
            ps.setTimestamp(7, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    samples.add(new CounterSample(rs.getTimestamp(1).toInstant(), (Long) rs.getObject(2, Long.class),
                            (Long) rs.getObject(3, Long.class), rs.getString(4)));
                }
            }
        }
        return samples;
    }

    private static MachineFacts facts(Connection c, String machineId, Interval window, boolean withSamples) throws SQLException {
        Timestamp from = Timestamp.from(window.from());
        Timestamp to = Timestamp.from(window.to());
        List<StateEvent> events = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(EVENTS)) {
            ps.setString(1, machineId);
            ps.setTimestamp(2, to);
            ps.setString(3, machineId);
            ps.setTimestamp(4, from);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new StateEvent(rs.getTimestamp(1).toInstant(), MachineState.valueOf(rs.getString(2)),
                            rs.getString(3)));
                }
            }
        }
        List<Interval> online = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(ONLINE)) {
            ps.setTimestamp(1, from);
            ps.setTimestamp(2, to);
            ps.setString(3, machineId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    online.add(new Interval(rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()));
                }
            }
        }
        List<CounterSample> samples = withSamples ? samples(c, machineId, from, to) : List.of();
        List<ManualReason> manual = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(MANUAL)) {
            ps.setString(1, machineId);
            ps.setTimestamp(2, to);
            ps.setTimestamp(3, from);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    manual.add(new ManualReason(new Interval(rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()),
                            rs.getString(3), rs.getTimestamp(4).toInstant()));
                }
            }
        }
        return new MachineFacts(events, online, samples, manual);
    }

    /**
     * The planned run time per item of each work order on each machine: the ideal cycle time of
     * the order's part on that machine where its routing has one (by machine, then work order).
     */
    public Map<String, Map<String, Double>> pri(List<String> machineIds) throws SQLException {
        Map<String, Map<String, Double>> out = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(PRI)) {
            ps.setArray(1, c.createArrayOf("text", machineIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getDouble(3));
                }
            }
        }
        return out;
    }

    /** Records an operator's reason for a stop, and drops the rollups of the slots it relabels. */
    @jakarta.transaction.Transactional
    public long addReason(String machineId, Interval period, String reason, String comment, String user) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            long id = insertReason(c, machineId, period, reason, comment, user);
            OeeRollups.invalidate(c, machineId, period);
            audit.record("CREATE", "downtime_reason", Long.toString(id), null,
                    new ReasonEntry(machineId, period.from(), period.to(), reason, comment));
            return id;
        }
    }

    /** What the audit trail keeps of an operator's downtime reason. */
    public record ReasonEntry(String machineId, java.time.Instant from, java.time.Instant to, String reason, String comment) {
    }

    private static long insertReason(Connection c, String machineId, Interval period, String reason, String comment, String user)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO downtime_reason (machine_id, from_ts, to_ts, reason, comment, entered_by) VALUES (?, ?, ?, ?, ?, ?)"
                        + " RETURNING id")) {
            ps.setString(1, machineId);
            ps.setTimestamp(2, Timestamp.from(period.from()));
            ps.setTimestamp(3, Timestamp.from(period.to()));
            ps.setString(4, reason);
            ps.setString(5, comment);
            ps.setString(6, user);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
