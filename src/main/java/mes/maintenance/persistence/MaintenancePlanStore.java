package mes.maintenance.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import mes.maintenance.domain.MaintenanceOrder;
import mes.maintenance.domain.MaintenanceOrder.PartUsed;
import mes.maintenance.domain.Plan;
import mes.maintenance.domain.PlanTrigger;

/**
 * Preventive maintenance's tables (V20): plans, and the work orders made when they fall due. Runs
 * in the caller's transaction. A done order is never updated (the database refuses).
 */
@ApplicationScoped
public class MaintenancePlanStore {

    private static final String PLAN = "SELECT id, machine_id, title, instructions, trigger, every, tolerance_percent, starts_at,"
            + " first_off_required, active, created_by, created_at FROM maintenance_plan";
    private static final String ORDER = "SELECT id, plan_id, machine_id, status, due_since, created_at, assignee, started_at, done_at,"
            + " done_by, notes, minutes_spent, parts::text, measure_at_done, within_tolerance FROM maintenance_order";
    private static final TypeReference<List<PartUsed>> PARTS = new TypeReference<>() {
    };

    /** Which orders to list. */
    public record OrderFilter(String machineId, MaintenanceOrder.Status status, Instant dueFrom, Instant dueTo,
            int limit) {
    }

    @Inject
    AgroalDataSource db;

    @Inject
    ObjectMapper json;

    public Plan addPlan(String machineId, String title, String instructions, PlanTrigger trigger, double every, double tolerancePercent,
            Instant startsAt, boolean firstOffRequired, String by, Instant at) {
        long id = insert("""
                INSERT INTO maintenance_plan (machine_id, title, instructions, trigger, every, tolerance_percent, starts_at,
                    first_off_required, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
                machineId, title, instructions, trigger.name(), every, tolerancePercent, Timestamp.from(startsAt), firstOffRequired, by,
                Timestamp.from(at));
        return plan(id).orElseThrow();
    }

    public Optional<Plan> plan(long id) {
        return query(PLAN + " WHERE id = ?", this::plan, id).stream().findFirst();
    }

    /** Plans, of one machine or all (null), active ones only or all, by machine and id. */
    public List<Plan> plans(String machineId, boolean activeOnly) {
        return query(PLAN + " WHERE (?::text IS NULL OR machine_id = ?) AND (NOT ? OR active) ORDER BY machine_id, id", this::plan,
                machineId, machineId, activeOnly);
    }

    public void deactivate(long id) {
        update("UPDATE maintenance_plan SET active = false WHERE id = ?", id);
    }

    /** The moment the plan's newest order done before {@code before} was done, if any. */
    public Optional<Instant> lastDone(long planId, Instant before) {
        return query("SELECT max(done_at) FROM maintenance_order WHERE plan_id = ? AND status = 'DONE' AND done_at < ?", rs -> {
            Timestamp t = rs.getTimestamp(1);
            return t == null ? null : t.toInstant();
        }, planId, Timestamp.from(before)).stream().filter(java.util.Objects::nonNull).findFirst();
    }

    /** Opens an order for a plan that fell due, unless one is open already (any instance may try): the new order, or empty. */
    public Optional<MaintenanceOrder> open(Plan plan, Instant dueSince, Instant at) {
        List<Long> ids = query("""
                INSERT INTO maintenance_order (plan_id, machine_id, status, due_since, created_at) VALUES (?, ?, 'OPEN', ?, ?)
                ON CONFLICT (plan_id) WHERE status <> 'DONE' DO NOTHING RETURNING id""", rs -> rs.getLong(1), plan.id(), plan.machineId(),
                Timestamp.from(dueSince), Timestamp.from(at));
        return ids.isEmpty() ? Optional.empty() : order(ids.get(0));
    }

    public Optional<MaintenanceOrder> order(long id) {
        return query(ORDER + " WHERE id = ?", this::order, id).stream().findFirst();
    }

    /** The order locked for a change in the caller's transaction. */
    public Optional<MaintenanceOrder> lockOrder(long id) {
        return query(ORDER + " WHERE id = ? FOR UPDATE", this::order, id).stream().findFirst();
    }

    /** The plan's order that is not done, if any. */
    public Optional<MaintenanceOrder> openOrder(long planId) {
        return query(ORDER + " WHERE plan_id = ? AND status <> 'DONE'", this::order, planId).stream().findFirst();
    }

    public List<MaintenanceOrder> orders(OrderFilter f) {
        return query(ORDER + " WHERE (?::text IS NULL OR machine_id = ?) AND (?::text IS NULL OR status = ?)"
                + " AND (?::timestamptz IS NULL OR due_since >= ?) AND (?::timestamptz IS NULL OR due_since < ?)"
                + " ORDER BY (status = 'DONE'), due_since, id LIMIT ?", this::order, f.machineId(), f.machineId(),
                f.status() == null ? null : f.status().name(), f.status() == null ? null : f.status().name(), ts(f.dueFrom()),
                ts(f.dueFrom()), ts(f.dueTo()), ts(f.dueTo()), f.limit());
    }

    /** When the done orders of a machine's plans that ask for a first-off inspection were done in [from, to), in order. */
    public List<Instant> doneAskingFirstOff(String machineId, Instant from, Instant to) {
        return query("SELECT o.done_at FROM maintenance_order o JOIN maintenance_plan p ON p.id = o.plan_id"
                + " WHERE o.machine_id = ? AND o.status = 'DONE' AND p.first_off_required AND o.done_at >= ? AND o.done_at < ? ORDER BY o.done_at",
                rs -> rs.getTimestamp(1).toInstant(), machineId, Timestamp.from(from), Timestamp.from(to));
    }

    public void assign(long id, String assignee) {
        update("UPDATE maintenance_order SET assignee = ?, status = CASE WHEN status = 'OPEN' THEN 'ASSIGNED' ELSE status END WHERE id = ?",
                assignee, id);
    }

    public void start(long id, String assignee, Instant at) {
        update("UPDATE maintenance_order SET assignee = ?, status = 'IN_PROGRESS', started_at = ? WHERE id = ?", assignee, Timestamp.from(at),
                id);
    }

    public void complete(long id, String by, Instant at, String notes, int minutesSpent, List<PartUsed> parts, double measure,
            boolean withinTolerance) {
        try {
            update("""
                    UPDATE maintenance_order SET status = 'DONE', done_by = ?, done_at = ?, notes = ?, minutes_spent = ?, parts = ?::jsonb,
                        measure_at_done = ?, within_tolerance = ? WHERE id = ?""", by, Timestamp.from(at), notes, minutesSpent,
                    json.writeValueAsString(parts), measure, withinTolerance, id);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }


    private Plan plan(ResultSet rs) throws SQLException {
        return new Plan(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), PlanTrigger.valueOf(rs.getString(5)),
                rs.getDouble(6), rs.getDouble(7), rs.getTimestamp(8).toInstant(), rs.getBoolean(9), rs.getBoolean(10), rs.getString(11),
                rs.getTimestamp(12).toInstant());
    }

    private MaintenanceOrder order(ResultSet rs) throws SQLException {
        List<PartUsed> parts;
        try {
            parts = List.copyOf(json.readValue(rs.getString(13), PARTS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new MaintenanceOrder(rs.getLong(1), rs.getLong(2), rs.getString(3), MaintenanceOrder.Status.valueOf(rs.getString(4)),
                rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant(), rs.getString(7), instant(rs, 8), instant(rs, 9),
                rs.getString(10), rs.getString(11), (Integer) rs.getObject(12, Integer.class), parts, (Double) rs.getObject(14, Double.class),
                (Boolean) rs.getObject(15, Boolean.class));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant t) {
        return t == null ? null : Timestamp.from(t);
    }

    private long insert(String sql, Object... args) {
        return query(sql, rs -> rs.getLong(1), args).get(0);
    }

    private <T> List<T> query(String sql, Jdbc.Mapper<T> mapper, Object... args) {
        return Jdbc.list(db, sql, mapper, args);
    }

    private int update(String sql, Object... args) {
        return Jdbc.update(db, sql, args);
    }
}
