package mes.production;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mes.kernel.Refusal;
import mes.platform.Jdbc;
import mes.production.LotService.Serial;
import mes.production.LotService.Snapshot;
import mes.production.WorkOrderService.Run;
import mes.production.persistence.Lot;
import mes.production.persistence.WorkOrder;

/**
 * Traceability both ways. Backward: what made lot X (its order, the machines of its routing with
 * the periods they worked on it, the operators, its inspections, and every lot consumed into it,
 * level by level). Forward: where lot Y went (every lot that consumed it, level by level). And the
 * IATF 16949 question: which lots did a machine touch in a time range, with everything made from
 * them since.
 */
@ApplicationScoped
public class TraceService {

    private static final int MAX_DEPTH = 20;

    /** A lot linked to the traced one, depth levels away, through viaLotId. */
    public record Link(int depth, String lotId, String viaLotId, String kind, String material, String supplier, String workOrderId,
            boolean onHold) {
    }

    public record MachineWork(String machineId, Instant from, Instant to) {
    }

    public record InspectionRef(long id, String characteristic, String result, String inspectedBy, Instant inspectedAt) {
    }

    /** What made a lot. */
    public record Backward(Snapshot lot, String partId, String workOrderId, String lineId, List<MachineWork> machines,
            List<String> operators, List<InspectionRef> inspections, List<Link> components, List<Serial> serials) {
    }

    /** Where a lot went. */
    public record Forward(Snapshot lot, List<Link> usedIn) {
    }

    /** A lot affected by a machine's time range: directly made there, or made from such a lot later. */
    public record Affected(String lotId, String kind, String material, String workOrderId, String lineId, Instant openedAt,
            Instant closedAt, boolean onHold, boolean direct, String viaLotId) {
    }

    @Inject
    AgroalDataSource db;

    @Inject
    LotService lots;

    @Inject
    WorkOrderService orders;

    @Inject
    PartService parts;

    @Inject
    Clock clock;

    public Backward backward(String lotId) {
        Snapshot lot = lots.get(lotId);
        List<MachineWork> machines = new ArrayList<>();
        List<String> operators = new ArrayList<>();
        String partId = null;
        if (Lot.PRODUCED.equals(lot.kind())) {
            WorkOrder o = WorkOrder.findById(lot.workOrderId());
            partId = o.partId;
            Instant lotEnd = lot.closedAt() == null ? clock.instant() : lot.closedAt();
            List<Run> runs = orders.runs(o.id);
            for (String m : parts.routingMachines(o.partId, o.lineId)) {
                for (Run r : runs) {
                    Instant from = r.startedAt().isAfter(lot.openedAt()) ? r.startedAt() : lot.openedAt();
                    Instant runEnd = r.endedAt() == null ? clock.instant() : r.endedAt();
                    Instant to = runEnd.isBefore(lotEnd) ? runEnd : lotEnd;
                    if (from.isBefore(to)) {
                        machines.add(new MachineWork(m, from, to));
                    }
                }
            }
            operators = strings("""
                    SELECT DISTINCT actor FROM audit_event
                    WHERE ((entity_type = 'work_order' AND entity_id = ?) OR (entity_type = 'lot' AND entity_id = ?)) AND actor <> 'system'
                    ORDER BY actor""", o.id, lot.id());
        }
        return new Backward(lot, partId, lot.workOrderId(), lot.lineId(), machines, operators, inspections(lot.id()),
                links(lot.id(), true), lots.serials(lot.id()));
    }

    public Forward forward(String lotId) {
        Snapshot lot = lots.get(lotId);
        return new Forward(lot, links(lot.id(), false));
    }

    /** The lots a machine worked on in [from, to), then everything made from them. */
    public List<Affected> affected(String machineId, Instant from, Instant to) {
        if (from == null || to == null || !from.isBefore(to)) {
            throw Refusal.invalid("from and to are required, from before to");
        }
        if (strings("SELECT id FROM machine WHERE id = ?", machineId).isEmpty()) {
            throw Refusal.notFound("no machine '" + machineId + "'");
        }
        Instant now = clock.instant();
        if (to.isAfter(now)) { // nothing was made in the future
            to = now;
        }
        if (!from.isBefore(to)) {
            return List.of();
        }
        Map<String, Affected> out = new LinkedHashMap<>();
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
                    out.put(rs.getString(1), new Affected(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant(),
                            rs.getBoolean(8), true, null));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        for (String direct : List.copyOf(out.keySet())) {
            for (Link l : links(direct, false)) {
                if (!out.containsKey(l.lotId())) {
                    Lot lot = Lot.findById(l.lotId());
                    out.put(l.lotId(), new Affected(lot.id, lot.kind, lot.material, lot.workOrderId, lot.lineId, lot.openedAt, lot.closedAt,
                            lot.onHold, false, l.viaLotId()));
                }
            }
        }
        return List.copyOf(out.values());
    }

    /** Lots linked by consumption, level by level (up: consumed into it; down: consumed by). */
    private List<Link> links(String lotId, boolean up) {
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
                ORDER BY g.target, g.depth""".formatted(from, to, MAX_DEPTH);
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

    private List<InspectionRef> inspections(String lotId) {
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

    private List<String> strings(String sql, String... args) {
        return Jdbc.strings(db, sql, (Object[]) args);
    }
}
