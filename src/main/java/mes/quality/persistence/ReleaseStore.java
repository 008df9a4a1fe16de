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
import mes.quality.ReleaseService.Release;
import mes.quality.ReleaseService.Waiting;

/** Lot releases (one per lot, never changed) and the lots waiting for one, in the caller's transaction. */
@ApplicationScoped
public class ReleaseStore {

    @Inject
    AgroalDataSource db;

    public long add(String lotId, String concession, String outstanding, String by, Instant at) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO lot_release (lot_id, concession, outstanding, authorised_by, authorised_at) VALUES (?, ?, ?, ?, ?) RETURNING id""")) {
            ps.setString(1, lotId);
            ps.setString(2, concession);
            ps.setString(3, outstanding);
            ps.setString(4, by);
            ps.setTimestamp(5, Timestamp.from(at));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Release find(String lotId) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, lot_id, concession, outstanding, authorised_by, authorised_at FROM lot_release WHERE lot_id = ?")) {
            ps.setString(1, lotId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Release(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getTimestamp(6).toInstant()) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lots that are finished (produced and closed, or received) and not released, oldest first. */
    public List<Waiting> waiting(int limit) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT l.id, l.material, l.work_order_id, coalesce(l.closed_at, l.opened_at), l.on_hold FROM lot l
                WHERE (l.kind = 'RECEIVED' OR l.closed_at IS NOT NULL)
                  AND NOT EXISTS (SELECT 1 FROM lot_release r WHERE r.lot_id = l.id)
                  AND EXISTS (SELECT 1 FROM characteristic c WHERE c.part_id = l.material AND c.active)
                ORDER BY coalesce(l.closed_at, l.opened_at), l.id LIMIT ?""")) {
            ps.setInt(1, limit);
            List<Waiting> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Waiting(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(), rs.getBoolean(5)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
