package mes.training.persistence;

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
import java.util.Optional;
import mes.training.domain.Qualifications.Grant;
import mes.training.domain.Qualifications.Requirement;

/**
 * The training matrix's tables (V18): requirements, and grants, which are only ever added. Runs
 * in the caller's transaction.
 */
@ApplicationScoped
public class QualificationStore {

    private static final String REQUIREMENT = "SELECT kind, scope_id, min_level, description FROM qualification_requirement";
    private static final String GRANT = "SELECT id, username, kind, scope_id, level, valid_until, override, note, granted_by, granted_at"
            + " FROM qualification_grant";

    @Inject
    AgroalDataSource db;

    public List<Requirement> requirements() {
        return query(REQUIREMENT + " ORDER BY kind, scope_id", QualificationStore::requirement);
    }

    public Optional<Requirement> requirement(String kind, String scopeId) {
        return query(REQUIREMENT + " WHERE kind = ? AND scope_id = ?", QualificationStore::requirement, kind, scopeId).stream().findFirst();
    }

    public void putRequirement(Requirement r, String by, Instant at) {
        execute("""
                INSERT INTO qualification_requirement (kind, scope_id, min_level, description, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (kind, scope_id) DO UPDATE SET min_level = excluded.min_level, description = excluded.description""",
                r.kind(), r.scopeId(), r.minLevel(), r.description(), by, Timestamp.from(at));
    }

    public void deleteRequirement(String kind, String scopeId) {
        execute("DELETE FROM qualification_requirement WHERE kind = ? AND scope_id = ?", kind, scopeId);
    }

    /** Adds a grant and answers it as stored. */
    public Grant addGrant(String username, String kind, String scopeId, int level, Instant validUntil, boolean override, String note,
            String by, Instant at) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO qualification_grant (username, kind, scope_id, level, valid_until, override, note, granted_by, granted_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")) {
            bind(ps, username, kind, scopeId, level, Timestamp.from(validUntil), override, note, by, Timestamp.from(at));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return query(GRANT + " WHERE id = ?", QualificationStore::grant, rs.getLong(1)).get(0);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A person's grants, newest first. */
    public List<Grant> grantsOf(String username) {
        return query(GRANT + " WHERE username = ? ORDER BY granted_at DESC, id DESC", QualificationStore::grant, username);
    }

    /** Every grant, oldest first (the newest of each person and requirement last). */
    public List<Grant> allGrants() {
        return query(GRANT + " ORDER BY granted_at, id", QualificationStore::grant);
    }

    /** A person's newest grant for a requirement: the one that counts. */
    public Optional<Grant> newest(String username, String kind, String scopeId) {
        return query(GRANT + " WHERE username = ? AND kind = ? AND scope_id = ? ORDER BY granted_at DESC, id DESC LIMIT 1",
                QualificationStore::grant, username, kind, scopeId).stream().findFirst();
    }

    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private static Requirement requirement(ResultSet rs) throws SQLException {
        return new Requirement(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4));
    }

    private static Grant grant(ResultSet rs) throws SQLException {
        return new Grant(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getTimestamp(6).toInstant(),
                rs.getBoolean(7), rs.getString(8), rs.getString(9), rs.getTimestamp(10).toInstant());
    }

    private <T> List<T> query(String sql, RowReader<T> reader, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(reader.read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void execute(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }
}
