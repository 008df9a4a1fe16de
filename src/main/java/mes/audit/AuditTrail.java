package mes.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import mes.audit.domain.AuditChain;
import mes.audit.domain.AuditRecord;

/**
 * The audit trail (ISO 9001 7.5.3): every create, update and state change of a record, written in
 * the transaction that makes the change, so that the record and its audit entry commit together
 * or not at all. Entries are chained by hash ({@link AuditChain}); writers take one advisory lock
 * for the chain's head until they commit, so ids and the chain follow commit order.
 */
@ApplicationScoped
public class AuditTrail {

    /** The actor of changes no user made (jobs, start-up). */
    public static final String SYSTEM = "system";

    private static final long CHAIN_LOCK = 0xA0D17L;

    /** One stored entry with its links. */
    public record Entry(AuditRecord record, String previousHash, String hash) {
    }

    /** The result of walking the whole chain. */
    public record Verification(boolean valid, long checked, Long firstBrokenId) {
    }

    @Inject
    AgroalDataSource db;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Inject
    Instance<SecurityIdentity> identity;

    /** Records a change by the current user (or {@link #SYSTEM} outside a request). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String action, String entityType, String entityId, Object before, Object after) {
        record(currentActor(), action, entityType, entityId, before, after);
    }

    /**
     * Records a create (before null), delete (after null) or update, and nothing when the snapshots
     * are equal: idempotent writes (an upsert repeated, a start-up seed) leave no noise.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordChange(String entityType, String entityId, Object before, Object after) {
        if (before != null && after != null && json.valueToTree(before).equals(json.valueToTree(after))) {
            return;
        }
        record(before == null ? "CREATE" : after == null ? "DELETE" : "UPDATE", entityType, entityId, before, after);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String actor, String action, String entityType, String entityId, Object before, Object after) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        try (Connection c = db.getConnection()) {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, CHAIN_LOCK);
                lock.execute();
            }
            String previous;
            long id;
            String beforeText;
            String afterText;
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT (SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1), nextval('audit_event_id_seq'),
                           ?::jsonb::text, ?::jsonb::text""")) {
                ps.setString(1, toJson(before));
                ps.setString(2, toJson(after));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    previous = rs.getString(1) == null ? AuditChain.GENESIS : rs.getString(1);
                    id = rs.getLong(2);
                    beforeText = rs.getString(3);
                    afterText = rs.getString(4);
                }
            }
            AuditRecord r = new AuditRecord(id, now, actor, action, entityType, entityId, beforeText, afterText);
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO audit_event (id, occurred_at, actor, action, entity_type, entity_id, before, after, prev_hash, hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)""")) {
                ps.setLong(1, id);
                ps.setTimestamp(2, Timestamp.from(now));
                ps.setString(3, actor);
                ps.setString(4, action);
                ps.setString(5, entityType);
                ps.setString(6, entityId);
                ps.setString(7, beforeText);
                ps.setString(8, afterText);
                ps.setString(9, previous);
                ps.setString(10, AuditChain.hash(previous, r));
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write the audit trail: " + e.getMessage(), e);
        }
    }

    /** Entries in [from, to) (either open), optionally of one record, oldest first, at most limit. */
    public List<Entry> list(Instant from, Instant to, String entityType, String entityId, int limit) {
        return query(from, to, entityType, entityId, "ORDER BY id", limit);
    }

    /** The newest entries first, for the pages. */
    public List<Entry> latest(String entityType, String entityId, int limit) {
        return query(null, null, entityType, entityId, "ORDER BY id DESC", limit);
    }

    private List<Entry> query(Instant from, Instant to, String entityType, String entityId, String order, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_event WHERE true");
        List<Object> args = new ArrayList<>();
        if (from != null) {
            sql.append(" AND occurred_at >= ?");
            args.add(Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" AND occurred_at < ?");
            args.add(Timestamp.from(to));
        }
        if (entityType != null) {
            sql.append(" AND entity_type = ?");
            args.add(entityType);
        }
        if (entityId != null) {
            sql.append(" AND entity_id = ?");
            args.add(entityId);
        }
        sql.append(' ').append(order).append(" LIMIT ?");
        args.add(limit);
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<Entry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(entry(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Recomputes every hash in id order (streamed, in a read-only snapshot). */
    @Transactional
    public Verification verify() {
        return verify(null);
    }

    /**
     * The same over the chain as it stood at {@code upTo}: the entries up to the last one that
     * occurred before it (a prefix, so the result does not change as the trail grows).
     */
    @Transactional
    public Verification verify(Instant upTo) {
        AuditChain.Verifier verifier = new AuditChain.Verifier();
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM audit_event" + (upTo == null ? ""
                        : " WHERE id <= coalesce((SELECT max(id) FROM audit_event WHERE occurred_at < ?), 0)") + " ORDER BY id")) {
            if (upTo != null) {
                ps.setTimestamp(1, java.sql.Timestamp.from(upTo));
            }
            ps.setFetchSize(2_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Entry e = entry(rs);
                    verifier.next(e.record(), e.previousHash(), e.hash());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new Verification(verifier.firstBroken() == null, verifier.checked(), verifier.firstBroken());
    }

    /** The current user, or {@link #SYSTEM}. */
    public String currentActor() {
        try {
            SecurityIdentity who = identity.get();
            return who == null || who.isAnonymous() ? SYSTEM : who.getPrincipal().getName();
        } catch (RuntimeException e) { // no request active
            return SYSTEM;
        }
    }

    private static final String COLUMNS = "id, occurred_at, actor, action, entity_type, entity_id, before::text, after::text, prev_hash, hash";

    private static Entry entry(ResultSet rs) throws SQLException {
        AuditRecord r = new AuditRecord(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8));
        return new Entry(r, rs.getString(9), rs.getString(10));
    }

    private String toJson(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write an audit snapshot of " + value.getClass().getSimpleName(), e);
        }
    }
}
