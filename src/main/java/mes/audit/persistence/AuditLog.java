package mes.audit.persistence;

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
import java.util.List;
import java.util.function.Consumer;
import mes.audit.AuditTrail.Entry;
import mes.audit.domain.AuditChain;
import mes.audit.domain.AuditRecord;

/**
 * The table of the audit trail, {@code audit_event}: appended to under one advisory lock on the
 * chain's head, held until the caller's transaction commits, so that ids and the chain follow
 * commit order; never updated (V2's trigger refuses it).
 */
@ApplicationScoped
public class AuditLog {

    private static final long CHAIN_LOCK = 0xA0D17L;
    private static final String COLUMNS = "id, occurred_at, actor, action, entity_type, entity_id, before::text, after::text, prev_hash, hash";

    /** Where the next entry goes: the hash before it, its id, and the snapshots as the database writes jsonb back. */
    public record Head(String previousHash, long nextId, String before, String after) {
    }

    @Inject
    AgroalDataSource db;

    /** Takes the chain's lock for the rest of the transaction and answers the head to append to. */
    public Head lockHead(String beforeJson, String afterJson) {
        try (Connection c = db.getConnection()) {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, CHAIN_LOCK);
                lock.execute();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT (SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1), nextval('audit_event_id_seq'),
                           ?::jsonb::text, ?::jsonb::text""")) {
                ps.setString(1, beforeJson);
                ps.setString(2, afterJson);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Head(rs.getString(1) == null ? AuditChain.GENESIS : rs.getString(1), rs.getLong(2), rs.getString(3),
                            rs.getString(4));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write the audit trail: " + e.getMessage(), e);
        }
    }

    public void append(AuditRecord r, String previousHash, String hash) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO audit_event (id, occurred_at, actor, action, entity_type, entity_id, before, after, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)""")) {
            ps.setLong(1, r.id());
            ps.setTimestamp(2, Timestamp.from(r.occurredAt()));
            ps.setString(3, r.actor());
            ps.setString(4, r.action());
            ps.setString(5, r.entityType());
            ps.setString(6, r.entityId());
            ps.setString(7, r.before());
            ps.setString(8, r.after());
            ps.setString(9, previousHash);
            ps.setString(10, hash);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write the audit trail: " + e.getMessage(), e);
        }
    }

    /** Entries in [from, to) (either open), optionally of one record, oldest or newest first, at most limit. */
    public List<Entry> find(Instant from, Instant to, String entityType, String entityId, boolean newestFirst, int limit) {
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
        sql.append(newestFirst ? " ORDER BY id DESC" : " ORDER BY id").append(" LIMIT ?");
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

    /**
     * Hands every entry in id order to {@code each}, streamed: the whole chain, or as it stood at
     * {@code upTo} (the entries up to the last one that occurred before it).
     */
    public void forEachInOrder(Instant upTo, Consumer<Entry> each) {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM audit_event" + (upTo == null ? ""
                        : " WHERE id <= coalesce((SELECT max(id) FROM audit_event WHERE occurred_at < ?), 0)") + " ORDER BY id")) {
            if (upTo != null) {
                ps.setTimestamp(1, Timestamp.from(upTo));
            }
            ps.setFetchSize(2_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    each.accept(entry(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        AuditRecord r = new AuditRecord(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8));
        return new Entry(r, rs.getString(9), rs.getString(10));
    }
}
