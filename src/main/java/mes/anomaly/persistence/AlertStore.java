package mes.anomaly.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import mes.anomaly.domain.ActiveAlerts;
import mes.anomaly.domain.Finding;
import mes.anomaly.domain.MachineRules;
import mes.anomaly.domain.MachineWatch;
import mes.anomaly.domain.Severity;
import mes.anomaly.domain.StormGuard;

/**
 * Alerts in PostgreSQL (table alert, V4): at most one open alert per machine, sensor and rule
 * (a partial unique index); repeats of a finding update it (occurrences, last value, last seen,
 * highest severity). New alerts are capped per machine and minute; the excess goes into one
 * ALERT_STORM alert of the machine.
 */
@ApplicationScoped
public class AlertStore {

    /** A finding of one machine's sensor (null: the machine itself). */
    public record Raised(String machineId, String sensor, Finding finding) {
    }

    /** One alert as stored. */
    public record Alert(long id, String machineId, String sensor, String rule, Severity severity, String status, Instant openedAt,
            Instant lastSeenAt, Instant resolvedAt, int occurrences, Double value, String message, String acknowledgedBy,
            Instant acknowledgedAt, String comment) {
    }

    /** What to list: every field optional. */
    public record Filter(String machineId, String status, Instant from, Instant to, int limit) {
    }

    public static final String STORM = "ALERT_STORM";
    public static final List<String> MACHINE_RULES = List.of("OFFLINE", "DOWN_TOO_LONG");
    /** Rules other features hold as conditions ({@link #holdCondition}): never resolved for going quiet. */
    public static final List<String> CONDITION_RULES = List.of("PM_OVERDUE", "ANDON_ESCALATED");

    private static final String UPSERT = """
            INSERT INTO alert AS a (machine_id, sensor, rule, severity, opened_at, last_seen_at, occurrences, value, message)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (machine_id, coalesce(sensor, ''), rule) WHERE status <> 'RESOLVED' DO UPDATE SET
                occurrences = a.occurrences + excluded.occurrences,
                last_seen_at = greatest(a.last_seen_at, excluded.last_seen_at),
                value = CASE WHEN excluded.last_seen_at >= a.last_seen_at THEN excluded.value ELSE a.value END,
                message = CASE WHEN excluded.last_seen_at >= a.last_seen_at THEN excluded.message ELSE a.message END,
                severity = CASE WHEN 'CRITICAL' IN (a.severity, excluded.severity) THEN 'CRITICAL'
                                WHEN 'WARNING' IN (a.severity, excluded.severity) THEN 'WARNING' ELSE 'INFO' END
            """;

    private static final String COLUMNS = "id, machine_id, sensor, rule, severity, status, opened_at, last_seen_at, resolved_at,"
            + " occurrences, value, message, acknowledged_by, acknowledged_at, ack_comment";

    @Inject
    AgroalDataSource dataSource;

    private record Key(String machineId, String sensor, String rule) {
    }

    /** The findings of a key within one batch, folded. */
    private static final class Folded {
        final Key key;
        Instant first;
        Instant last;
        Severity severity = Severity.INFO;
        int count;
        double value;
        String message;

        Folded(Key key) {
            this.key = key;
        }

        void add(Finding f) {
            count++;
            severity = severity.max(f.severity());
            if (first == null || f.ts().isBefore(first)) {
                first = f.ts();
            }
            if (last == null || !f.ts().isBefore(last)) {
                last = f.ts();
                value = f.value();
                message = f.message();
            }
        }
    }

    /**
     * Records findings in the caller's transaction.
     *
     * @param stormCap new alerts a machine may open within a minute (of message time)
     * @return how many new alerts were opened
     */
    public static int record(Connection c, List<Raised> raised, int stormCap) throws SQLException {
        if (raised.isEmpty()) {
            return 0;
        }
        Map<Key, Folded> folded = new LinkedHashMap<>();
        Instant earliest = null;
        for (Raised r : raised) {
            Key key = new Key(r.machineId(), r.sensor() == null ? "" : r.sensor(), r.finding().rule());
            folded.computeIfAbsent(key, Folded::new).add(r.finding());
            earliest = earliest == null || r.finding().ts().isBefore(earliest) ? r.finding().ts() : earliest;
        }
        String[] machines = folded.keySet().stream().map(Key::machineId).distinct().toArray(String[]::new);
        Set<Key> open = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT machine_id, coalesce(sensor, ''), rule FROM alert WHERE status <> 'RESOLVED' AND machine_id = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("text", machines));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    open.add(new Key(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        Map<String, List<Instant>> opened = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT machine_id, opened_at FROM alert"
                + " WHERE machine_id = ANY(?) AND opened_at > ? AND rule <> '" + STORM + "'")) {
            ps.setArray(1, c.createArrayOf("text", machines));
            ps.setTimestamp(2, Timestamp.from(earliest.minus(StormGuard.WINDOW)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    opened.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getTimestamp(2).toInstant());
                }
            }
        }
        int added = 0;
        StormGuard guard = new StormGuard(stormCap, opened);
        Map<String, Folded> storms = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
            List<Folded> ordered = new ArrayList<>(folded.values());
            ordered.sort(Comparator.comparing((Folded f) -> f.first));
            for (Folded f : ordered) {
                if (!open.contains(f.key)) {
                    if (!guard.admit(f.key.machineId(), f.first)) {
                        Folded storm = storms.computeIfAbsent(f.key.machineId(), m -> new Folded(new Key(m, "", STORM)));
                        storm.count += f.count;
                        storm.severity = Severity.WARNING;
                        storm.first = storm.first == null ? f.first : storm.first;
                        storm.last = f.last;
                        storm.value = storm.count;
                        storm.message = String.format(java.util.Locale.ROOT,
                                "more than %d new alerts in a minute: %d findings held back, the latest %s on %s", stormCap,
                                storm.count, f.key.rule(), f.key.sensor().isEmpty() ? "the machine" : f.key.sensor());
                        continue;
                    }
                    open.add(f.key);
                    added++;
                }
                bind(ps, f);
                ps.addBatch();
            }
            for (Folded storm : storms.values()) {
                bind(ps, storm);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return added;
    }

    private static void bind(PreparedStatement ps, Folded f) throws SQLException {
        ps.setString(1, f.key.machineId());
        if (f.key.sensor().isEmpty()) {
            ps.setNull(2, Types.VARCHAR);
        } else {
            ps.setString(2, f.key.sensor());
        }
        ps.setString(3, f.key.rule());
        ps.setString(4, f.severity.name());
        ps.setTimestamp(5, Timestamp.from(f.first));
        ps.setTimestamp(6, Timestamp.from(f.last));
        ps.setInt(7, f.count);
        ps.setDouble(8, f.value);
        ps.setString(9, f.message.length() > 500 ? f.message.substring(0, 500) : f.message);
    }

    public List<Alert> list(Filter filter) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM alert WHERE true");
        List<Object> args = new ArrayList<>();
        if (filter.machineId() != null) {
            sql.append(" AND machine_id = ?");
            args.add(filter.machineId());
        }
        if (filter.status() != null) {
            sql.append(" AND status = ?");
            args.add(filter.status());
        }
        if (filter.from() != null) {
            sql.append(" AND last_seen_at >= ?");
            args.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND opened_at < ?");
            args.add(Timestamp.from(filter.to()));
        }
        sql.append(" ORDER BY CASE severity WHEN 'CRITICAL' THEN 0 WHEN 'WARNING' THEN 1 ELSE 2 END, last_seen_at DESC, id DESC LIMIT ?");
        args.add(filter.limit());
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            return read(ps);
        }
    }

    /** The open and acknowledged alerts of each machine that has any: how many, and the worst severity. */
    public Map<String, ActiveAlerts> activeByMachine() throws SQLException {
        Map<String, ActiveAlerts> out = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT machine_id, count(*), max(CASE severity WHEN 'CRITICAL' THEN 2 WHEN 'WARNING' THEN 1 ELSE 0 END)
                FROM alert WHERE status <> 'RESOLVED' GROUP BY machine_id
                """); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), new ActiveAlerts(rs.getInt(2), Severity.values()[rs.getInt(3)]));
            }
        }
        return out;
    }

    public Optional<Alert> find(long id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM alert WHERE id = ?")) {
            ps.setLong(1, id);
            return read(ps).stream().findFirst();
        }
    }

    /** Acknowledges an open alert; false when it is not open (acknowledged or resolved already, or absent). */
    public boolean acknowledge(long id, String user, String comment, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE alert SET status = 'ACKNOWLEDGED', acknowledged_by = ?, acknowledged_at = ?, ack_comment = ?"
                        + " WHERE id = ? AND status = 'OPEN'")) {
            ps.setString(1, user);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setString(3, comment);
            ps.setLong(4, id);
            return ps.executeUpdate() == 1;
        }
    }

    /** Resolves the sensor alerts not seen for the quiet period; answers how many. */
    public int resolveQuiet(Instant now, Duration quiet) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE alert SET status = 'RESOLVED', resolved_at = ? WHERE status <> 'RESOLVED'"
                        + " AND rule <> ALL(?) AND last_seen_at < ?")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setArray(2, c.createArrayOf("text", java.util.stream.Stream.concat(MACHINE_RULES.stream(), CONDITION_RULES.stream()).toArray()));
            ps.setTimestamp(3, Timestamp.from(now.minus(quiet)));
            return ps.executeUpdate();
        }
    }

    /**
     * Holds a condition of one rule over all machines: opens an alert for each machine it holds
     * for that has none open, and resolves the open ones of machines it no longer holds for.
     * Answers how many were opened.
     */
    public int holdCondition(String rule, List<Raised> holding, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Set<String> held = new HashSet<>();
                holding.forEach(r -> held.add(r.machineId()));
                Set<String> open = new HashSet<>();
                List<Long> cleared = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT id, machine_id FROM alert WHERE status <> 'RESOLVED' AND rule = ?"
                        + " FOR UPDATE")) {
                    ps.setString(1, rule);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            open.add(rs.getString(2));
                            if (!held.contains(rs.getString(2))) {
                                cleared.add(rs.getLong(1));
                            }
                        }
                    }
                }
                try (PreparedStatement resolve = c.prepareStatement("UPDATE alert SET status = 'RESOLVED', resolved_at = ? WHERE id = ANY(?)")) {
                    resolve.setTimestamp(1, Timestamp.from(now));
                    resolve.setArray(2, c.createArrayOf("bigint", cleared.toArray()));
                    resolve.executeUpdate();
                }
                List<Raised> fresh = holding.stream().filter(r -> r.finding().rule().equals(rule) && !open.contains(r.machineId())).toList();
                int added = record(c, fresh, Integer.MAX_VALUE);
                c.commit();
                return added;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Checks every machine heard from against its own rules: raises OFFLINE and DOWN_TOO_LONG, resolves them once cleared. */
    public int watchMachines(Instant now, java.util.function.Function<String, MachineRules> rules) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Raised> raised = new ArrayList<>();
                Map<String, Set<String>> holding = new HashMap<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT m.id, m.heartbeat_timeout_seconds, s.last_message_ts,"
                        + " s.state, s.state_since FROM machine m JOIN machine_status s ON s.machine_id = m.id");
                        ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String machine = rs.getString(1);
                        Timestamp last = rs.getTimestamp(3);
                        Timestamp since = rs.getTimestamp(5);
                        int down = rules.apply(machine).downAlertSecondsOrDefault();
                        for (Finding f : MachineWatch.check(now, last == null ? null : last.toInstant(),
                                Duration.ofSeconds(rs.getInt(2)), "DOWN".equals(rs.getString(4)) && since != null ? since.toInstant() : null,
                                down > 0 ? Duration.ofSeconds(down) : null)) {
                            raised.add(new Raised(machine, null, f));
                            holding.computeIfAbsent(machine, k -> new HashSet<>()).add(f.rule());
                        }
                    }
                }
                List<Raised> fresh = new ArrayList<>();
                Set<Key> open = new HashSet<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT id, machine_id, rule FROM alert WHERE status <> 'RESOLVED'"
                        + " AND rule = ANY(?)")) {
                    ps.setArray(1, c.createArrayOf("text", MACHINE_RULES.toArray()));
                    List<Long> cleared = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            open.add(new Key(rs.getString(2), "", rs.getString(3)));
                            if (!holding.getOrDefault(rs.getString(2), Set.of()).contains(rs.getString(3))) {
                                cleared.add(rs.getLong(1));
                            }
                        }
                    }
                    try (PreparedStatement resolve = c.prepareStatement(
                            "UPDATE alert SET status = 'RESOLVED', resolved_at = ? WHERE id = ANY(?)")) {
                        resolve.setTimestamp(1, Timestamp.from(now));
                        resolve.setArray(2, c.createArrayOf("bigint", cleared.toArray()));
                        resolve.executeUpdate();
                    }
                }
                for (Raised r : raised) {
                    if (!open.contains(new Key(r.machineId(), "", r.finding().rule()))) {
                        fresh.add(r); // a condition that holds is one alert, not one per check
                    }
                }
                int added = record(c, fresh, Integer.MAX_VALUE);
                c.commit();
                return added;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static List<Alert> read(PreparedStatement ps) throws SQLException {
        List<Alert> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Alert(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), Severity.valueOf(rs.getString(5)),
                        rs.getString(6), instant(rs, 7), instant(rs, 8), instant(rs, 9), rs.getInt(10), (Double) rs.getObject(11),
                        rs.getString(12), rs.getString(13), instant(rs, 14), rs.getString(15)));
            }
        }
        return out;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
