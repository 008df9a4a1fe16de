package mes.quality;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
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
import mes.quality.persistence.InspectionStore;

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
    InspectionStore store;

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
        long requestId = store.requestCorrection(old.id(), result, values, reason, actor, clock.instant());
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
        if (!store.decide(p.id(), status, audit.currentActor(), clock.instant(), note == null || note.isBlank() ? null : note.trim(),
                correctionId)) {
            throw Refusal.conflict("correction request " + p.id() + " was decided meanwhile");
        }
        audit.record("CORRECTION_" + status, "inspection", String.valueOf(p.inspectionId()), p, correction(p.id()));
    }

    public PendingCorrection correction(long id) {
        return store.correction(id).orElseThrow(() -> Refusal.notFound("no correction request " + id));
    }

    /** The requests waiting for a second person, oldest first. */
    public List<PendingCorrection> pendingCorrections(int limit) {
        return store.pendingCorrections(limit);
    }

    /** The correction requests of an inspection, newest first. */
    public List<PendingCorrection> correctionsOf(long inspectionId) {
        return store.correctionsOf(inspectionId);
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
        return store.insert(new InspectionStore.NewInspection(lotId, ControlPlanService.blankToNull(in.machineId()), ch.code, result,
                inspectedBy == null ? audit.currentActor() : inspectedBy, at, supersedes, reason, clock.instant(), ch.id, gauge, overdue,
                in.nonconformityId(), ControlPlanService.blankToNull(in.comment()), unstudied,
                ch.judgedRevision != null ? ch.judgedRevision : plans.revisionInForce(ch.partId), ch.variable() ? ch.lsl : null,
                ch.variable() ? ch.usl : null, values));
    }

    public InspectionView get(long id) {
        return store.find(id).orElseThrow(() -> Refusal.notFound("no inspection " + id));
    }

    /** Inspections of a lot, newest first, superseded ones included. */
    public List<InspectionView> ofLot(String lotId) {
        return store.ofLot(lotId);
    }

    /** Filtered list, newest first: any of lot, characteristic, gauge; a period. */
    public List<InspectionView> list(String lotId, Long characteristicId, String gaugeId, Instant from, Instant to, int limit) {
        return store.list(lotId, characteristicId, gaugeId, from, to, limit);
    }

    /** The chain a record belongs to, oldest first: what it corrected and what corrected it. */
    public List<InspectionView> history(long id) {
        return store.history(id);
    }

    /** The lot's current inspections: per characteristic the newest one not superseded, in the order inspected. */
    public List<InspectionView> current(String lotId) {
        Map<String, InspectionView> out = new LinkedHashMap<>();
        for (InspectionView v : store.notSuperseded(lotId)) {
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
        List<InspectionView> out = new ArrayList<>(store.standingAt(characteristicId, from, to, asOf, limit));
        java.util.Collections.reverse(out);
        return out;
    }

    /** Inspections that counted on a gauge whose calibration was overdue, newest first. */
    public List<InspectionView> flagged(int limit) {
        return store.flagged(limit);
    }
}
