package mes.andon.persistence;

import io.agroal.api.AgroalDataSource;
import mes.platform.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import mes.andon.domain.AndonCall;

/** Andon calls (V21). Runs in the caller's transaction; a resolved call is never updated (the database refuses). */
@ApplicationScoped
public class AndonStore {

    private static final String CALL = "SELECT id, machine_id, target, status, note, called_by, called_at, acknowledged_by, acknowledged_at,"
            + " resolved_by, resolved_at, resolution, escalated_at, escalated_to FROM andon_call";

    /** Which calls to list. */
    public record Filter(String machineId, AndonCall.Status status, boolean openOnly, Instant from, Instant to, int limit) {
    }

    @Inject
    AgroalDataSource db;

    /** Makes a call unless one to the same target is open for the machine: the new call, or empty. */
    public Optional<AndonCall> call(String machineId, AndonCall.Target target, String note, String by, Instant at) {
        List<Long> ids = query("""
                INSERT INTO andon_call (machine_id, target, status, note, called_by, called_at) VALUES (?, ?, 'OPEN', ?, ?, ?)
                ON CONFLICT (machine_id, target) WHERE status <> 'RESOLVED' DO NOTHING RETURNING id""", rs -> rs.getLong(1), machineId,
                target.name(), note, by, Timestamp.from(at));
        return ids.isEmpty() ? Optional.empty() : find(ids.get(0));
    }

    public Optional<AndonCall> find(long id) {
        return query(CALL + " WHERE id = ?", AndonStore::call, id).stream().findFirst();
    }

    public Optional<AndonCall> lock(long id) {
        return query(CALL + " WHERE id = ? FOR UPDATE", AndonStore::call, id).stream().findFirst();
    }

    /** The open (not resolved) call of a machine to a target, if any. */
    public Optional<AndonCall> open(String machineId, AndonCall.Target target) {
        return query(CALL + " WHERE machine_id = ? AND target = ? AND status <> 'RESOLVED'", AndonStore::call, machineId, target.name())
                .stream().findFirst();
    }

    /** Calls of the filter: not resolved first, then newest first. */
    public List<AndonCall> list(Filter f) {
        return query(CALL + " WHERE (?::text IS NULL OR machine_id = ?) AND (?::text IS NULL OR status = ?) AND (NOT ? OR status <> 'RESOLVED')"
                + " AND (?::timestamptz IS NULL OR called_at >= ?) AND (?::timestamptz IS NULL OR called_at < ?)"
                + " ORDER BY (status = 'RESOLVED'), called_at DESC, id DESC LIMIT ?", AndonStore::call, f.machineId(), f.machineId(),
                f.status() == null ? null : f.status().name(), f.status() == null ? null : f.status().name(), f.openOnly(), ts(f.from()),
                ts(f.from()), ts(f.to()), ts(f.to()), f.limit());
    }

    /** A machine's calls to a target that were answered in [from, to), oldest first. */
    public List<AndonCall> answered(String machineId, AndonCall.Target target, Instant from, Instant to) {
        return query(CALL + " WHERE machine_id = ? AND target = ? AND acknowledged_at >= ? AND acknowledged_at < ? ORDER BY acknowledged_at",
                AndonStore::call, machineId, target.name(), Timestamp.from(from), Timestamp.from(to));
    }

    public void acknowledge(long id, String by, Instant at) {
        update("UPDATE andon_call SET status = 'ACKNOWLEDGED', acknowledged_by = ?, acknowledged_at = ? WHERE id = ?", by, Timestamp.from(at),
                id);
    }

    public void resolve(long id, String by, Instant at, String resolution) {
        update("UPDATE andon_call SET status = 'RESOLVED', resolved_by = ?, resolved_at = ?, resolution = ? WHERE id = ?", by,
                Timestamp.from(at), resolution, id);
    }

    /** Records an escalation once per level: answers whether this call changed. */
    public boolean escalate(long id, String to, Instant at) {
        return update("UPDATE andon_call SET escalated_at = coalesce(escalated_at, ?), escalated_to = ? WHERE id = ? AND status <> 'RESOLVED'"
                + " AND escalated_to IS DISTINCT FROM ?", Timestamp.from(at), to, id, to) == 1;
    }


    private static AndonCall call(ResultSet rs) throws SQLException {
        return new AndonCall(rs.getLong(1), rs.getString(2), AndonCall.Target.valueOf(rs.getString(3)), AndonCall.Status.valueOf(rs.getString(4)),
                rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getString(8), instant(rs, 9), rs.getString(10),
                instant(rs, 11), rs.getString(12), instant(rs, 13), rs.getString(14));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant t) {
        return t == null ? null : Timestamp.from(t);
    }

    private <T> List<T> query(String sql, Jdbc.Mapper<T> mapper, Object... args) {
        return Jdbc.list(db, sql, mapper, args);
    }

    private int update(String sql, Object... args) {
        return Jdbc.update(db, sql, args);
    }
}
