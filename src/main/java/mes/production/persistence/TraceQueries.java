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
import java.util.List;
import mes.production.TraceService.Affected;
import mes.production.TraceService.InspectionRef;
import mes.production.TraceService.Link;

/**
 * The genealogy's queries: lots linked by consumption, the lots a machine worked on, and what the
 * traceability report reads of the audit trail and the inspections (read-only, by SQL: quality and
 * audit sit above production, so their services cannot be called from here).
 */
@ApplicationScoped
public class TraceQueries {

    @Inject
    AgroalDataSource db;

    /** Who acted on the order or the lot (not the system), by name. */
    public List<String> peopleWhoActedOn(String orderId, String lotId) {
        List<String> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT DISTINCT actor FROM audit_event
                WHERE ((entity_type = 'work_order' AND entity_id = ?) OR (entity_type = 'lot' AND entity_id = ?)) AND actor <> 'system'
                ORDER BY actor""")) {
            ps.setString(1, orderId);
            ps.setString(2, lotId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** The produced lots the machine worked on in [from, to): on its line, of a part it is routed for, while a run was on. */
    public List<Affected> workedOn(String machineId, Instant from, Instant to) {
        List<Affected> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT l.id, l.kind, l.material, l.work_order_id, l.line_id, l.opened_at, l.closed_at, l.on_hold
                FROM lot l JOIN work_order w ON w.id = l.work_order_id JOIN machine m ON m.id = ?
                WHERE l.kind = 'PRODUCED' AND l.line_id = m.line_id
                  AND EXISTS (SELECT 1 FROM routing_operation ro WHERE ro.part_id = w.part_id AND ro.machine_id = m.id)
                  AND l.opened_at < ? AND coalesce(l.closed_at, 'infinity') > ?
                  AND EXISTS (SELECT 1 FROM work_order_run r WHERE r.work_order_id = w.id
                      AND r.started_at < ? AND coalesce(r.ended_at, 'infinity') > ?
                      AND r.started_at < coalesce(l.closed_at, 'infinity') AND coalesce(r.ended_at, 'infinity') > l.opened_at)
                ORDER BY l.opened_at, l.id""")) {
            ps.setString(1, machineId);
            ps.setTimestamp(2, Timestamp.from(to));
            ps.setTimestamp(3, Timestamp.from(from));
            ps.setTimestamp(4, Timestamp.from(to));
            ps.setTimestamp(5, Timestamp.from(from));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Affected(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant(),
                            rs.getBoolean(8), true, null));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** Lots linked by consumption, level by level (up: consumed into it; down: consumed by). */
    public List<Link> links(String lotId, boolean up, int maxDepth) {
        String from = up ? "lot_id" : "consumed_lot_id";
        String to = up ? "consumed_lot_id" : "lot_id";
        String sql = """
                WITH RECURSIVE g(target, via, depth, path) AS (
                    SELECT %2$s, %1$s, 1, ARRAY[%1$s] FROM lot_consumption WHERE %1$s = ?
                    UNION ALL
                    SELECT c.%2$s, c.%1$s, g.depth + 1, g.path || c.%1$s
                    FROM lot_consumption c JOIN g ON c.%1$s = g.target
                    WHERE NOT c.%1$s = ANY (g.path) AND g.depth < %3$d)
                SELECT DISTINCT ON (g.target) g.depth, g.target, g.via, l.kind, l.material, l.supplier, l.work_order_id, l.on_hold
                FROM g JOIN lot l ON l.id = g.target
                ORDER BY g.target, g.depth""".formatted(from, to, maxDepth);
        List<Link> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, lotId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Link(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                            rs.getString(7), rs.getBoolean(8)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        out.sort(java.util.Comparator.comparingInt(Link::depth).thenComparing(Link::lotId));
        return out;
    }

    /** The inspections of a lot (all records, corrections included), in the order inspected. */
    public List<InspectionRef> inspections(String lotId) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, characteristic, result, inspected_by, inspected_at FROM inspection WHERE lot_id = ? ORDER BY inspected_at, id")) {
            ps.setString(1, lotId);
            List<InspectionRef> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new InspectionRef(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getTimestamp(5).toInstant()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

}
