package mes.quality;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
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
import mes.audit.AuditTrail;
import mes.equipment.EquipmentService;
import mes.kernel.Refusal;
import mes.production.LotService;
import mes.quality.domain.CalibrationStatus;
import mes.quality.domain.CorrectionRule;
import mes.quality.domain.Verdict;
import mes.quality.persistence.Characteristic;

/**
 * Inspection records: the values measured on a lot's sample (or a pass / fail verdict for an
 * attribute), judged against the control plan, signed by who recorded them. Evidence is
 * append-only: a correction is a new record that supersedes the old one, with a reason, and both
 * stay. An inspection made with a gauge whose calibration is overdue is flagged; a gauge found out
 * of tolerance is refused.
 */
@ApplicationScoped
public class InspectionService {

    /** An inspection as entered (page) or posted (CMMs, gauges): the characteristic by id, or by its code in the lot's part's plan. */
    public record InspectionIn(String lotId, Long characteristicId, String characteristic, List<Double> values, String result, String gaugeId,
            String machineId, Instant inspectedAt, String comment, Long nonconformityId) {
    }

    public record InspectionView(long id, String lotId, String partId, Long characteristicId, String characteristic, String name,
            String result, List<Double> values, String limits, String gaugeId, boolean gaugeOverdue, String machineId, String inspectedBy,
            Instant inspectedAt, Instant recordedAt, Long supersedesId, String supersedeReason, Long supersededById, Long nonconformityId,
            String comment, boolean gaugeUnstudied, Integer controlPlanRevision, Double judgedLsl, Double judgedUsl) {
        public boolean current() {
            return supersededById == null;
        }

        public boolean passed() {
            return "PASS".equals(result);
        }

        public String valuesText() {
            return String.join("  ", values.stream().map(Characteristic::fmt).toList());
        }
    }

    /** A correction waiting for, or decided by, a second person (four eyes: CorrectionRule). */
    public record PendingCorrection(long id, long inspectionId, String lotId, String characteristic, boolean special, String oldResult,
            String result, List<Double> values, String reason, String requestedBy, Instant requestedAt, String status, String decidedBy,
            Instant decidedAt, String decisionNote, Long correctionId) {
        public boolean pending() {
            return "PENDING".equals(status);
        }
    }

    /** What a correction did: the correcting record written, or a request a second person decides. */
    public record Corrected(InspectionView applied, PendingCorrection pending) {
    }

    @Inject
    LotService lots;

    @Inject
    EquipmentService equipment;

    @Inject
    AgroalDataSource db;

    @Inject
    AuditTrail audit;

    @Inject
    ControlPlanService plans;

    @Inject
    GaugeService gauges;

    @Inject
    NonconformityService nonconformities;

    @Inject
    InspectionScheduleService schedule;

    @Inject
    ReactionPlanService reactions;

    @Inject
    mes.training.QualificationService qualifications;

    @Inject
    Clock clock;

    /** The part whose control plan applies to a lot: the order's part, or the material received. */
    public static String partOf(LotService.Snapshot lot) {
        return lot.material();
    }

    @Transactional
    public InspectionView record(InspectionIn in) {
        if (in == null) {
            throw Refusal.invalid("{\"lotId\", \"characteristicId\" or \"characteristic\", \"values\" or \"result\"} is required");
        }
        if (in.lotId() == null || in.lotId().isBlank()) {
            throw Refusal.invalid("lotId is required: the lot the sample was taken from");
        }
        LotService.Snapshot lot = lots.find(in.lotId().trim()).orElseThrow(() -> Refusal.invalid("no lot '" + in.lotId().trim() + "'"));
        Characteristic ch = characteristic(lot, in);
        qualifications.requireQualified(List.of("TASK:INSPECTION"));
        Instant at = in.inspectedAt() == null ? clock.instant() : in.inspectedAt();
        if (at.isAfter(clock.instant().plusSeconds(60))) {
            throw Refusal.invalid("inspectedAt lies in the future");
        }
        if (in.machineId() != null && !in.machineId().isBlank() && equipment.machine(in.machineId().trim()).isEmpty()) {
            throw Refusal.invalid("no machine '" + in.machineId().trim() + "'");
        }
        if (in.nonconformityId() != null) {
            nonconformities.requireReinspectable(in.nonconformityId(), lot.id());
        }
        long id = insert(lot.id(), ch, in, at, null, null, null);
        InspectionView v = get(id);
        audit.record("INSPECT", "inspection", String.valueOf(id), null, v);
        if (in.nonconformityId() != null) {
            nonconformities.reinspected(in.nonconformityId(), v);
        }
        if (!v.passed()) {
            schedule.afterFirstPiece(lot.workOrderId(), ch, at);
        }
        reactions.after(ch, v);
        return v;
    }

    /**
     * A correction: a new record with the corrected values that supersedes the current one; both
     * stay. When it changes the verdict, or the characteristic is special, it is a request that a
     * second person decides (CorrectionRule); nothing changes until then.
     */
    @Transactional
    public Corrected supersede(long id, List<Double> values, String result, String reason) {
        InspectionView old = get(id);
        if (!old.current()) {
            throw Refusal.conflict("inspection " + id + " was superseded already by " + old.supersededById() + ": correct that one");
        }
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw Refusal.invalid("a reason for the correction is required, at most 500 characters");
        }
        if (old.characteristicId() == null) {
            throw Refusal.conflict("inspection " + id + " has no characteristic of a control plan and cannot be corrected here");
        }
        Characteristic ch = asJudged(plans.get(old.characteristicId()), old);
        List<Double> measured = values == null ? List.of() : values;
        String verdict = verdict(ch, measured, result);
        if (CorrectionRule.needsSecondPerson(ch.special, old.result(), verdict)) {
            return new Corrected(null, request(old, ch, measured, verdict, reason.trim()));
        }
        return new Corrected(apply(old, ch, measured, verdict, reason.trim(), audit.currentActor()), null);
    }

    /**
     * The characteristic as the record was judged: a correction is judged against the limits of the
     * revision the record followed, not of a later one.
     */
    private static Characteristic asJudged(Characteristic current, InspectionView old) {
        if (!current.variable() || old.controlPlanRevision() == null) {
            return current;
        }
        Characteristic judged = new Characteristic();
        judged.id = current.id;
        judged.partId = current.partId;
        judged.code = current.code;
        judged.kind = current.kind;
        judged.special = current.special;
        judged.sampleSize = current.sampleSize;
        judged.gaugeId = current.gaugeId;
        judged.lsl = old.judgedLsl();
        judged.usl = old.judgedUsl();
        judged.judgedRevision = old.controlPlanRevision();
        return judged;
    }

    private InspectionView apply(InspectionView old, Characteristic ch, List<Double> values, String result, String reason, String inspectedBy) {
        InspectionIn in = new InspectionIn(old.lotId(), ch.id, null, values, result, old.gaugeId(), old.machineId(), old.inspectedAt(),
                null, null);
        long newId = insert(old.lotId(), ch, in, old.inspectedAt(), old.id(), reason, inspectedBy);
        InspectionView v = get(newId);
        audit.record("SUPERSEDE", "inspection", String.valueOf(newId), old, v);
        return v;
    }

    private PendingCorrection request(InspectionView old, Characteristic ch, List<Double> values, String result, String reason) {
        String actor = audit.currentActor();
        long requestId;
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO inspection_correction (inspection_id, result, measured, reason, requested_by, requested_at)
                VALUES (?, ?, ?, ?, ?, ?) RETURNING id""")) {
            ps.setLong(1, old.id());
            ps.setString(2, result);
            ps.setArray(3, c.createArrayOf("float8", values.toArray()));
            ps.setString(4, reason);
            ps.setString(5, actor);
            ps.setTimestamp(6, Timestamp.from(clock.instant()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                requestId = rs.getLong(1);
            }
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw Refusal.conflict("a correction of inspection " + old.id() + " is waiting for a second person already");
            }
            throw new IllegalStateException(e);
        }
        PendingCorrection p = correction(requestId);
        audit.record("CORRECTION_REQUESTED", "inspection", String.valueOf(old.id()), old, p);
        return p;
    }

    /** A second person approves a requested correction: the correcting record is written, in the requester's name. */
    @Transactional
    public InspectionView approve(long correctionId, String note) {
        PendingCorrection p = decidable(correctionId, note, false);
        InspectionView old = get(p.inspectionId());
        if (!old.current()) {
            throw Refusal.conflict("inspection " + old.id() + " was superseded meanwhile by " + old.supersededById()
                    + ": reject this request");
        }
        Characteristic ch = asJudged(plans.get(old.characteristicId()), old);
        InspectionView v = apply(old, ch, p.values(), p.result(), p.reason() + " (approved by " + audit.currentActor() + ")", p.requestedBy());
        decide(p, "APPROVED", note, v.id());
        return v;
    }

    /** A second person rejects a requested correction, with a reason; the inspection stays as it was. */
    @Transactional
    public PendingCorrection reject(long correctionId, String note) {
        PendingCorrection p = decidable(correctionId, note, true);
        decide(p, "REJECTED", note, null);
        return correction(correctionId);
    }

    private PendingCorrection decidable(long correctionId, String note, boolean noteRequired) {
        PendingCorrection p = correction(correctionId);
        if (!p.pending()) {
            throw Refusal.conflict("correction request " + correctionId + " was " + p.status().toLowerCase(java.util.Locale.ROOT)
                    + " already by " + p.decidedBy());
        }
        String refusal = CorrectionRule.refusal(p.requestedBy(), audit.currentActor());
        if (refusal != null) {
            throw Refusal.notPermitted(refusal);
        }
        if (noteRequired && (note == null || note.isBlank())) {
            throw Refusal.invalid("a reason for the rejection is required");
        }
        if (note != null && note.length() > 500) {
            throw Refusal.invalid("the note is longer than 500 characters");
        }
        return p;
    }

    private void decide(PendingCorrection p, String status, String note, Long correctionId) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                UPDATE inspection_correction SET status = ?, decided_by = ?, decided_at = ?, decision_note = ?, correction_id = ?
                WHERE id = ? AND status = 'PENDING'""")) {
            ps.setString(1, status);
            ps.setString(2, audit.currentActor());
            ps.setTimestamp(3, Timestamp.from(clock.instant()));
            ps.setString(4, note == null || note.isBlank() ? null : note.trim());
            ps.setObject(5, correctionId);
            ps.setLong(6, p.id());
            if (ps.executeUpdate() != 1) {
                throw Refusal.conflict("correction request " + p.id() + " was decided meanwhile");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        audit.record("CORRECTION_" + status, "inspection", String.valueOf(p.inspectionId()), p, correction(p.id()));
    }

    private static final String CORRECTIONS = """
            SELECT r.id, r.inspection_id, i.lot_id, i.characteristic, coalesce(c.special, false), i.result, r.result, r.measured, r.reason,
                   r.requested_by, r.requested_at, r.status, r.decided_by, r.decided_at, r.decision_note, r.correction_id
            FROM inspection_correction r JOIN inspection i ON i.id = r.inspection_id LEFT JOIN characteristic c ON c.id = i.characteristic_id
            """;

    public PendingCorrection correction(long id) {
        List<PendingCorrection> l = corrections(CORRECTIONS + " WHERE r.id = ?", id);
        if (l.isEmpty()) {
            throw Refusal.notFound("no correction request " + id);
        }
        return l.get(0);
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

    private Characteristic characteristic(LotService.Snapshot lot, InspectionIn in) {
        String part = partOf(lot);
        if (in.characteristicId() != null) {
            Characteristic ch = Characteristic.<Characteristic>findByIdOptional(in.characteristicId())
                    .orElseThrow(() -> Refusal.invalid("no characteristic " + in.characteristicId()));
            if (!ch.partId.equals(part)) {
                throw Refusal.invalid("characteristic " + ch.code + " belongs to part " + ch.partId + ", lot " + lot.id() + " is of "
                        + part);
            }
            if (!ch.active) {
                throw Refusal.invalid("characteristic " + ch.code + " is no longer in the control plan of " + part);
            }
            return ch;
        }
        if (in.characteristic() == null || in.characteristic().isBlank()) {
            throw Refusal.invalid("characteristicId or characteristic (its code in the control plan) is required");
        }
        return plans.byCode(part, in.characteristic().trim());
    }

    /** The verdict of values or a result on a characteristic: from its limits when measured, as given when checked pass / fail. */
    private static String verdict(Characteristic ch, List<Double> values, String given) {
        return Verdict.of(ch.code, ch.variable() ? ch.spec() : null, ch.sampleSize, values, given);
    }

    private long insert(String lotId, Characteristic ch, InspectionIn in, Instant at, Long supersedes, String reason, String inspectedBy) {
        List<Double> values = in.values() == null ? List.of() : in.values();
        String result = verdict(ch, values, in.result());
        if (in.comment() != null && in.comment().length() > 1000) {
            throw Refusal.invalid("comment is longer than 1000 characters");
        }
        String gauge = ControlPlanService.blankToNull(in.gaugeId());
        if (gauge == null) {
            gauge = ch.gaugeId;
        }
        boolean overdue = false;
        boolean unstudied = false;
        if (gauge != null) {
            if (!gauges.get(gauge).active) {
                throw Refusal.conflict("gauge " + gauge + " is taken out of use");
            }
            CalibrationStatus s = gauges.status(gauge);
            if (s.refusesInspection() && supersedes == null) {
                throw Refusal.conflict("gauge " + gauge + " was found out of tolerance at its last calibration: measure with another");
            }
            overdue = s.flagsInspection();
            unstudied = !gauges.hasValidStudy(gauge, at);
        }
        try (Connection c = db.getConnection()) {
            long id;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO inspection (lot_id, work_order_id, machine_id, characteristic, result, inspected_by, inspected_at,
                        supersedes_id, supersede_reason, recorded_at, characteristic_id, gauge_id, gauge_overdue, nonconformity_id, comment,
                        gauge_unstudied, control_plan_revision, judged_lsl, judged_usl)
                    VALUES (?, (SELECT work_order_id FROM lot WHERE id = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    RETURNING id""")) {
                ps.setString(1, lotId);
                ps.setString(2, lotId);
                ps.setString(3, ControlPlanService.blankToNull(in.machineId()));
                ps.setString(4, ch.code);
                ps.setString(5, result);
                ps.setString(6, inspectedBy == null ? audit.currentActor() : inspectedBy);
                ps.setTimestamp(7, Timestamp.from(at));
                ps.setObject(8, supersedes);
                ps.setString(9, reason);
                ps.setTimestamp(10, Timestamp.from(clock.instant()));
                ps.setLong(11, ch.id);
                ps.setString(12, gauge);
                ps.setBoolean(13, overdue);
                ps.setObject(14, in.nonconformityId());
                ps.setString(15, ControlPlanService.blankToNull(in.comment()));
                ps.setBoolean(16, unstudied);
                ps.setObject(17, ch.judgedRevision != null ? ch.judgedRevision : plans.revisionInForce(ch.partId));
                ps.setObject(18, ch.variable() ? ch.lsl : null);
                ps.setObject(19, ch.variable() ? ch.usl : null);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState())) {
                    throw Refusal.conflict("inspection " + supersedes + " was superseded already");
                }
                throw e;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO inspection_measurement (inspection_id, sample_no, value) VALUES (?, ?, ?)")) {
                for (int i = 0; i < values.size(); i++) {
                    ps.setLong(1, id);
                    ps.setInt(2, i + 1);
                    ps.setDouble(3, values.get(i));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return id;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String SELECT = """
            SELECT i.id, i.lot_id, c.part_id, i.characteristic_id, i.characteristic, c.name, i.result,
                   (SELECT array_agg(m.value ORDER BY m.sample_no) FROM inspection_measurement m WHERE m.inspection_id = i.id),
                   c.kind, i.judged_lsl, i.judged_usl, c.unit, i.gauge_id, i.gauge_overdue, i.machine_id, i.inspected_by, i.inspected_at,
                   i.recorded_at, i.supersedes_id, i.supersede_reason, (SELECT s.id FROM inspection s WHERE s.supersedes_id = i.id),
                   i.nonconformity_id, i.comment, i.gauge_unstudied, i.control_plan_revision, i.judged_lsl, i.judged_usl
            FROM inspection i LEFT JOIN characteristic c ON c.id = i.characteristic_id
            """;

    public InspectionView get(long id) {
        List<InspectionView> l = query(SELECT + " WHERE i.id = ?", id);
        if (l.isEmpty()) {
            throw Refusal.notFound("no inspection " + id);
        }
        return l.get(0);
    }

    /** Inspections of a lot, newest first, superseded ones included. */
    public List<InspectionView> ofLot(String lotId) {
        return query(SELECT + " WHERE i.lot_id = ? ORDER BY i.inspected_at DESC, i.id DESC", lotId);
    }

    /** Filtered list, newest first: any of lot, characteristic, gauge; a period. */
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

    /** The lot's current inspections: per characteristic the newest one not superseded, in the order inspected. */
    public List<InspectionView> current(String lotId) {
        Map<String, InspectionView> out = new LinkedHashMap<>();
        for (InspectionView v : query(SELECT + """
                 WHERE i.lot_id = ? AND NOT EXISTS (SELECT 1 FROM inspection s WHERE s.supersedes_id = i.id)
                 ORDER BY i.inspected_at, i.id""", lotId)) {
            out.remove(v.characteristic());
            out.put(v.characteristic(), v);
        }
        return List.copyOf(out.values());
    }

    /** The lot's current result per characteristic code: the newest inspection not superseded. */
    public Map<String, String> currentResults(String lotId) {
        Map<String, String> out = new LinkedHashMap<>();
        for (InspectionView v : current(lotId)) {
            out.put(v.characteristic(), v.result());
        }
        return out;
    }

    /**
     * The measured subgroups of a characteristic in [from, to), oldest first, as the records stood
     * at {@code asOf}: recorded before it and not superseded by then (a report regenerated later
     * shows what was known when its period ended).
     */
    public List<InspectionView> subgroups(long characteristicId, Instant from, Instant to, Instant asOf, int limit) {
        List<InspectionView> newest = query(SELECT + """
                 WHERE i.characteristic_id = ? AND i.inspected_at >= ? AND i.inspected_at < ? AND i.recorded_at < ?
                   AND NOT EXISTS (SELECT 1 FROM inspection s WHERE s.supersedes_id = i.id AND s.recorded_at < ?)
                 ORDER BY i.inspected_at DESC, i.id DESC LIMIT ?""", characteristicId, Timestamp.from(from), Timestamp.from(to),
                Timestamp.from(asOf), Timestamp.from(asOf), limit);
        List<InspectionView> out = new ArrayList<>(newest);
        java.util.Collections.reverse(out);
        return out;
    }

    /** Inspections that counted on a gauge whose calibration was overdue, newest first. */
    public List<InspectionView> flagged(int limit) {
        return query(SELECT + " WHERE i.gauge_overdue ORDER BY i.inspected_at DESC, i.id DESC LIMIT ?", limit);
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
