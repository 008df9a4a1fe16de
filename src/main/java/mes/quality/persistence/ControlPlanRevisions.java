package mes.quality.persistence;

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

/** The revisions of the control plans (V16): a draft is written and rewritten, an approved one only superseded. */
@ApplicationScoped
public class ControlPlanRevisions {

    public static final String DRAFT = "DRAFT";
    public static final String APPROVED = "APPROVED";
    public static final String SUPERSEDED = "SUPERSEDED";

    /** A stored revision; {@code characteristics} is the document's JSON array. */
    public record Row(String partId, int revision, String status, String characteristics, String changeNote, String draftedBy,
            Instant draftedAt, String approvedBy, Instant approvedAt, String approvalNote, Instant supersededAt) {
    }

    private static final String COLUMNS = """
            SELECT part_id, revision, status, characteristics::text, change_note, drafted_by, drafted_at, approved_by, approved_at,
                   approval_note, superseded_at FROM control_plan_revision""";

    @Inject
    AgroalDataSource db;

    public List<Row> all(String partId) {
        return query(COLUMNS + " WHERE part_id = ? ORDER BY revision DESC", partId);
    }

    public Optional<Row> get(String partId, int revision) {
        return query(COLUMNS + " WHERE part_id = ? AND revision = ?", partId, revision).stream().findFirst();
    }

    /** The part's revision in this status (one draft, one in force at most), locked for the transaction. */
    public Optional<Row> inStatusForUpdate(String partId, String status) {
        return query(COLUMNS + " WHERE part_id = ? AND status = ? FOR UPDATE", partId, status).stream().findFirst();
    }

    public Optional<Row> inStatus(String partId, String status) {
        return query(COLUMNS + " WHERE part_id = ? AND status = ?", partId, status).stream().findFirst();
    }

    /** Writes the part's draft: a new revision after the last one, or the open draft rewritten. */
    public int saveDraft(String partId, String characteristics, String changeNote, String by, Instant at) {
        return update("""
                INSERT INTO control_plan_revision (part_id, revision, status, characteristics, change_note, drafted_by, drafted_at)
                VALUES (?, (SELECT coalesce(max(revision), 0) + 1 FROM control_plan_revision WHERE part_id = ?), 'DRAFT', ?::jsonb, ?, ?, ?)
                ON CONFLICT (part_id) WHERE status = 'DRAFT' DO UPDATE
                    SET characteristics = excluded.characteristics, change_note = excluded.change_note, drafted_by = excluded.drafted_by,
                        drafted_at = excluded.drafted_at
                RETURNING revision""", partId, partId, characteristics, changeNote, by, Timestamp.from(at));
    }

    public void approve(String partId, int revision, String by, String note, Instant at) {
        update("""
                UPDATE control_plan_revision SET status = 'SUPERSEDED', superseded_at = ? WHERE part_id = ? AND status = 'APPROVED'
                RETURNING revision""", Timestamp.from(at), partId);
        update("""
                UPDATE control_plan_revision SET status = 'APPROVED', approved_by = ?, approved_at = ?, approval_note = ?
                WHERE part_id = ? AND revision = ? AND status = 'DRAFT' RETURNING revision""", by, Timestamp.from(at), note, partId, revision);
    }

    public boolean discardDraft(String partId, int revision) {
        return update("DELETE FROM control_plan_revision WHERE part_id = ? AND revision = ? AND status = 'DRAFT' RETURNING revision",
                partId, revision) > 0;
    }

    private int update(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Row> query(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            List<Row> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                            instant(rs, 7), rs.getString(8), instant(rs, 9), rs.getString(10), instant(rs, 11)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
