package mes.production.persistence;

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
import mes.platform.Jdbc;
import mes.production.WorkOrderService.Correction;
import mes.production.WorkOrderService.Run;

/**
 * What is recorded about work orders beside the order itself: its runs on the line (one open run
 * per line, a unique index) and its quantity corrections (append-only); in the caller's transaction.
 */
@ApplicationScoped
public class OrderRecords {

    @Inject
    AgroalDataSource db;

    public long addCorrection(String orderId, int good, int scrap, String reason, String by, Instant at, String kind, String lotId) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO work_order_quantity_correction (work_order_id, good_delta, scrap_delta, reason, recorded_by, recorded_at, kind, lot_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")) {
            ps.setString(1, orderId);
            ps.setInt(2, good);
            ps.setInt(3, scrap);
            ps.setString(4, reason);
            ps.setString(5, by);
            ps.setTimestamp(6, Timestamp.from(at));
            ps.setString(7, kind);
            ps.setString(8, lotId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<Run> runs(String orderId) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT started_at, ended_at, started_by, ended_by FROM work_order_run WHERE work_order_id = ? ORDER BY started_at")) {
            ps.setString(1, orderId);
            List<Run> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Run(rs.getTimestamp(1).toInstant(), rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant(),
                            rs.getString(3), rs.getString(4)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<Correction> corrections(String orderId) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT id, kind, good_delta, scrap_delta, reason, lot_id, recorded_by, recorded_at
                FROM work_order_quantity_correction WHERE work_order_id = ? ORDER BY id""")) {
            ps.setString(1, orderId);
            List<Correction> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Correction(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getString(5), rs.getString(6),
                            rs.getString(7), rs.getTimestamp(8).toInstant()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The orders that ran at some time in [from, to), oldest first. */
    public List<String> ranIn(Instant from, Instant to) {
        return Jdbc.strings(db, """
                SELECT work_order_id FROM work_order_run WHERE started_at < ? AND (ended_at IS NULL OR ended_at > ?)
                GROUP BY work_order_id ORDER BY min(started_at) LIMIT 5000""", Timestamp.from(to), Timestamp.from(from));
    }

    /** The order running on each line now, line id to order id. */
    public Map<String, String> runningByLine() {
        Map<String, String> out = new HashMap<>();
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT line_id, work_order_id FROM work_order_run WHERE ended_at IS NULL");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** Opens a run of the order on its line; false when another order's run opened on the line at the same moment. */
    public boolean startRun(String orderId, String lineId, Instant at, String by) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO work_order_run (work_order_id, line_id, started_at, started_by) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, orderId);
            ps.setString(2, lineId);
            ps.setTimestamp(3, Timestamp.from(at));
            ps.setString(4, by);
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                return false;
            }
            throw new IllegalStateException(e);
        }
    }

    /** Ends the order's open run (never before it started). */
    public void endRun(String orderId, Instant at, String by) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE work_order_run SET ended_at = greatest(started_at, ?), ended_by = ? WHERE work_order_id = ? AND ended_at IS NULL")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setString(2, by);
            ps.setString(3, orderId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next number of the work-order sequence. */
    public long nextNumber() {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT nextval('work_order_no_seq')");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
