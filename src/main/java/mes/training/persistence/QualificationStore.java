package mes.training.persistence;

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
        update("""
                INSERT INTO qualification_requirement (kind, scope_id, min_level, description, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (kind, scope_id) DO UPDATE SET min_level = excluded.min_level, description = excluded.description""",
                r.kind(), r.scopeId(), r.minLevel(), r.description(), by, Timestamp.from(at));
    }

    public void deleteRequirement(String kind, String scopeId) {
        update("DELETE FROM qualification_requirement WHERE kind = ? AND scope_id = ?", kind, scopeId);
    }

    /** Adds a grant and answers it as stored. */
    public Grant addGrant(String username, String kind, String scopeId, int level, Instant validUntil, boolean override, String note,
            String by, Instant at) {
        long id = query("""
                INSERT INTO qualification_grant (username, kind, scope_id, level, valid_until, override, note, granted_by, granted_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""", rs -> rs.getLong(1), username, kind, scopeId, level,
                Timestamp.from(validUntil), override, note, by, Timestamp.from(at)).get(0);
        return query(GRANT + " WHERE id = ?", QualificationStore::grant, id).get(0);
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


    private static Requirement requirement(ResultSet rs) throws SQLException {
        return new Requirement(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4));
    }

    private static Grant grant(ResultSet rs) throws SQLException {
        return new Grant(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getTimestamp(6).toInstant(),
                rs.getBoolean(7), rs.getString(8), rs.getString(9), rs.getTimestamp(10).toInstant());
    }

    private <T> List<T> query(String sql, Jdbc.Mapper<T> mapper, Object... args) {
        return Jdbc.list(db, sql, mapper, args);
    }

    private int update(String sql, Object... args) {
        return Jdbc.update(db, sql, args);
    }
}
