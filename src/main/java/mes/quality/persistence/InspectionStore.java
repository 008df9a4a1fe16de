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
import mes.kernel.Refusal;
import mes.quality.InspectionService.InspectionView;
import mes.quality.InspectionService.PendingCorrection;
import mes.quality.domain.InspectionSchedule;

/**
 * Inspections (append-only: a correction is a new record that supersedes the old one), their
 * measurements and the four-eyes correction requests (V12), in the caller's transaction.
 */
@ApplicationScoped
public class InspectionStore {

    /** A new inspection record as it is written; {@code judgedLsl}/{@code judgedUsl} are the limits it was judged against. */
    public record NewInspection(String lotId, String machineId, String characteristic, String result, String inspectedBy, Instant inspectedAt,
            Long supersedes, String supersedeReason, Instant recordedAt, long characteristicId, String gaugeId, boolean gaugeOverdue,
            Long nonconformityId, String comment, boolean gaugeUnstudied, Integer controlPlanRevision, Double judgedLsl, Double judgedUsl,
            List<Double> values) {
    }

    @Inject
    AgroalDataSource db;

    private static final String SELECT = """
            SELECT i.id, i.lot_id, c.part_id, i.characteristic_id, i.characteristic, c.name, i.result,
                   (SELECT array_agg(m.value ORDER BY m.sample_no) FROM inspection_measurement m WHERE m.inspection_id = i.id),
                   c.kind, i.judged_lsl, i.judged_usl, c.unit, i.gauge_id, i.gauge_overdue, i.machine_id, i.inspected_by, i.inspected_at,
                   i.recorded_at, i.supersedes_id, i.supersede_reason, (SELECT s.id FROM inspection s WHERE s.supersedes_id = i.id),
                   i.nonconformity_id, i.comment, i.gauge_unstudied, i.control_plan_revision, i.judged_lsl, i.judged_usl
            FROM inspection i LEFT JOIN characteristic c ON c.id = i.characteristic_id
            """;

    /** Writes the record and its measurements; a second correction of the same record is a conflict. */
    public long insert(NewInspection n) {
        try (Connection c = db.getConnection()) {
            long id;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO inspection (lot_id, work_order_id, machine_id, characteristic, result, inspected_by, inspected_at,
                        supersedes_id, supersede_reason, recorded_at, characteristic_id, gauge_id, gauge_overdue, nonconformity_id, comment,
                        gauge_unstudied, control_plan_revision, judged_lsl, judged_usl)
                    VALUES (?, (SELECT work_order_id FROM lot WHERE id = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    RETURNING id""")) {
                ps.setString(1, n.lotId());
                ps.setString(2, n.lotId());
                ps.setString(3, n.machineId());
                ps.setString(4, n.characteristic());
                ps.setString(5, n.result());
                ps.setString(6, n.inspectedBy());
                ps.setTimestamp(7, Timestamp.from(n.inspectedAt()));
                ps.setObject(8, n.supersedes());
                ps.setString(9, n.supersedeReason());
                ps.setTimestamp(10, Timestamp.from(n.recordedAt()));
                ps.setLong(11, n.characteristicId());
                ps.setString(12, n.gaugeId());
                ps.setBoolean(13, n.gaugeOverdue());
                ps.setObject(14, n.nonconformityId());
                ps.setString(15, n.comment());
                ps.setBoolean(16, n.gaugeUnstudied());
                ps.setObject(17, n.controlPlanRevision());
                ps.setObject(18, n.judgedLsl());
                ps.setObject(19, n.judgedUsl());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState())) {
                    throw Refusal.conflict("inspection " + n.supersedes() + " was superseded already");
                }
                throw e;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO inspection_measurement (inspection_id, sample_no, value) VALUES (?, ?, ?)")) {
                for (int i = 0; i < n.values().size(); i++) {
                    ps.setLong(1, id);
                    ps.setInt(2, i + 1);
                    ps.setDouble(3, n.values().get(i));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return id;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<InspectionView> find(long id) {
        return query(SELECT + " WHERE i.id = ?", id).stream().findFirst();
    }

    /** Inspections of a lot, newest first, superseded ones included. */
    public List<InspectionView> ofLot(String lotId) {
        return query(SELECT + " WHERE i.lot_id = ? ORDER BY i.inspected_at DESC, i.id DESC", lotId);
    }

    /** Newest first: any of lot, characteristic, gauge (null for any), inspected in [from, to). */
    public List<InspectionView> list(String lotId, Long characteristicId, String gaugeId, Instant from, Instant to, int limit) {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE i.inspected_at >= ? AND i.inspected_at < ?");
        List<Object> args = new ArrayList<>(List.of(Timestamp.from(from), Timestamp.from(to)));
        if (lotId != null) {
            sql.append(" AND i.lot_id = ?");
            args.add(lotId);
        }
        if (characteristicId != null) {
            sql.append(" AND i.characteristic_id = ?");
            args.add(characteristicId);
        }
        if (gaugeId != null) {
            sql.append(" AND i.gauge_id = ?");
            args.add(gaugeId);
        }
        sql.append(" ORDER BY i.inspected_at DESC, i.id DESC LIMIT ?");
        args.add(limit);
        return query(sql.toString(), args.toArray());
    }

    /** The chain a record belongs to, oldest first: what it corrected and what corrected it. */
    public List<InspectionView> history(long id) {
        return query("""
                WITH RECURSIVE back AS (SELECT id, supersedes_id FROM inspection WHERE id = ?
                    UNION SELECT i.id, i.supersedes_id FROM inspection i JOIN back b ON i.id = b.supersedes_id),
                  fwd AS (SELECT id FROM inspection WHERE id = ?
                    UNION SELECT i.id FROM inspection i JOIN fwd f ON i.supersedes_id = f.id)
                """ + SELECT + " WHERE i.id IN (SELECT id FROM back UNION SELECT id FROM fwd) ORDER BY i.recorded_at, i.id", id, id);
    }

    /** The lot's records that no other supersedes, in the order inspected. */
    public List<InspectionView> notSuperseded(String lotId) {
        return query(SELECT + """
                 WHERE i.lot_id = ? AND NOT EXISTS (SELECT 1 FROM inspection s WHERE s.supersedes_id = i.id)
                 ORDER BY i.inspected_at, i.id""", lotId);
    }

    /** A characteristic's records in [from, to) as they stood at {@code asOf}, newest first, at most limit. */
    public List<InspectionView> standingAt(long characteristicId, Instant from, Instant to, Instant asOf, int limit) {
        return query(SELECT + """
                 WHERE i.characteristic_id = ? AND i.inspected_at >= ? AND i.inspected_at < ? AND i.recorded_at < ?
                   AND NOT EXISTS (SELECT 1 FROM inspection s WHERE s.supersedes_id = i.id AND s.recorded_at < ?)
                 ORDER BY i.inspected_at DESC, i.id DESC LIMIT ?""", characteristicId, Timestamp.from(from), Timestamp.from(to),
                Timestamp.from(asOf), Timestamp.from(asOf), limit);
    }

    /** Inspections that counted on a gauge whose calibration was overdue, newest first. */
    public List<InspectionView> flagged(int limit) {
        return query(SELECT + " WHERE i.gauge_overdue ORDER BY i.inspected_at DESC, i.id DESC LIMIT ?", limit);
    }

    /** When the characteristic last passed before {@code at} (current records, the one numbered {@code except} left out), or null. */
    public Instant lastPass(long characteristicId, long except, Instant at) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT max(i.inspected_at) FROM inspection i
                WHERE i.characteristic_id = ? AND i.result = 'PASS' AND i.id <> ? AND i.inspected_at <= ?
                  AND NOT EXISTS (SELECT 1 FROM inspection s WHERE s.supersedes_id = i.id)""")) {
            ps.setLong(1, characteristicId);
            ps.setLong(2, except);
            ps.setTimestamp(3, Timestamp.from(at));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Timestamp t = rs.getTimestamp(1);
                return t == null ? null : t.toInstant();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The current records of a characteristic on the order's lots, in the order inspected (a corrected one counts once, as corrected). */
    public List<InspectionSchedule.Check> checksOfOrder(String orderId, long characteristicId) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT i.inspected_at, i.result FROM inspection i
                WHERE i.work_order_id = ? AND i.characteristic_id = ?
                  AND NOT EXISTS (SELECT 1 FROM inspection s WHERE s.supersedes_id = i.id)
                ORDER BY i.inspected_at""")) {
            ps.setString(1, orderId);
            ps.setLong(2, characteristicId);
            List<InspectionSchedule.Check> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new InspectionSchedule.Check(rs.getTimestamp(1).toInstant(), "PASS".equals(rs.getString(2))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A correction waiting for a second person; one per inspection at a time (a conflict otherwise). */
    public long requestCorrection(long inspectionId, String result, List<Double> values, String reason, String by, Instant at) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO inspection_correction (inspection_id, result, measured, reason, requested_by, requested_at)
                VALUES (?, ?, ?, ?, ?, ?) RETURNING id""")) {
            ps.setLong(1, inspectionId);
            ps.setString(2, result);
            ps.setArray(3, c.createArrayOf("float8", values.toArray()));
            ps.setString(4, reason);
            ps.setString(5, by);
            ps.setTimestamp(6, Timestamp.from(at));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw Refusal.conflict("a correction of inspection " + inspectionId + " is waiting for a second person already");
            }
            throw new IllegalStateException(e);
        }
    }

    /** Decides a pending request; false when it was decided meanwhile. */
    public boolean decide(long requestId, String status, String by, Instant at, String note, Long correctionId) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                UPDATE inspection_correction SET status = ?, decided_by = ?, decided_at = ?, decision_note = ?, correction_id = ?
                WHERE id = ? AND status = 'PENDING'""")) {
            ps.setString(1, status);
            ps.setString(2, by);
            ps.setTimestamp(3, Timestamp.from(at));
            ps.setString(4, note);
            ps.setObject(5, correctionId);
            ps.setLong(6, requestId);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String CORRECTIONS = """
            SELECT r.id, r.inspection_id, i.lot_id, i.characteristic, coalesce(c.special, false), i.result, r.result, r.measured, r.reason,
                   r.requested_by, r.requested_at, r.status, r.decided_by, r.decided_at, r.decision_note, r.correction_id
            FROM inspection_correction r JOIN inspection i ON i.id = r.inspection_id LEFT JOIN characteristic c ON c.id = i.characteristic_id
            """;

    public Optional<PendingCorrection> correction(long id) {
        return corrections(CORRECTIONS + " WHERE r.id = ?", id).stream().findFirst();
    }

    /** The requests waiting for a second person, oldest first. */
    public List<PendingCorrection> pendingCorrections(int limit) {
        return corrections(CORRECTIONS + " WHERE r.status = 'PENDING' ORDER BY r.requested_at, r.id LIMIT ?", limit);
    }

    /** The correction requests of an inspection, newest first. */
    public List<PendingCorrection> correctionsOf(long inspectionId) {
        return corrections(CORRECTIONS + " WHERE r.inspection_id = ? ORDER BY r.requested_at DESC, r.id DESC", inspectionId);
    }

    private List<PendingCorrection> corrections(String sql, Object parameter) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, parameter);
            List<PendingCorrection> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    java.sql.Array a = rs.getArray(8);
                    List<Double> values = new ArrayList<>();
                    for (Object o : (Object[]) a.getArray()) {
                        values.add(((Number) o).doubleValue());
                    }
                    Timestamp decided = rs.getTimestamp(14);
                    out.add(new PendingCorrection(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
                            rs.getString(6), rs.getString(7), values, rs.getString(9), rs.getString(10), rs.getTimestamp(11).toInstant(),
                            rs.getString(12), rs.getString(13), decided == null ? null : decided.toInstant(), rs.getString(15),
                            (Long) rs.getObject(16)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<InspectionView> query(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<InspectionView> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    java.sql.Array a = rs.getArray(8);
                    List<Double> values = a == null ? List.of() : List.of((Double[]) a.getArray());
                    String limits = null;
                    if (rs.getObject(4) != null) {
                        Characteristic ch = new Characteristic();
                        ch.kind = rs.getString(9);
                        ch.lsl = (Double) rs.getObject(10);
                        ch.usl = (Double) rs.getObject(11);
                        ch.unit = rs.getString(12);
                        limits = ch.limits();
                    }
                    out.add(new InspectionView(rs.getLong(1), rs.getString(2), rs.getString(3), (Long) rs.getObject(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), values, limits, rs.getString(13), rs.getBoolean(14), rs.getString(15),
                            rs.getString(16), rs.getTimestamp(17).toInstant(), rs.getTimestamp(18).toInstant(), (Long) rs.getObject(19),
                            rs.getString(20), (Long) rs.getObject(21), (Long) rs.getObject(22), rs.getString(23), rs.getBoolean(24),
                            (Integer) rs.getObject(25), (Double) rs.getObject(26), (Double) rs.getObject(27)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
