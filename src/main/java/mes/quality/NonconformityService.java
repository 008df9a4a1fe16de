package mes.quality;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import mes.audit.AuditTrail;
import mes.kernel.Refusal;
import mes.production.LotService;
import mes.production.PartService;
import mes.production.TraceService;
import mes.quality.domain.Disposition;
import mes.quality.domain.NonconformityStatus;
import mes.quality.persistence.Nonconformity;

/**
 * Nonconformities (ISO 9001 8.7): raised from a failed inspection or by hand; containment puts the
 * suspect lots on hold (the lot and everything made from it, found through traceability); an
 * authorised person decides the disposition; rework is closed by a passing re-inspection.
 */
@ApplicationScoped
public class NonconformityService {

    public record View(long id, String number, NonconformityStatus status, String partId, String lotId, Long inspectionId,
            String description, String raisedBy, Instant raisedAt, String containment, List<String> containedLots,
            Disposition disposition, String dispositionNote, String disposedBy, Instant disposedAt, Instant closedAt, Long characteristicId,
            String signal) {
        static View of(Nonconformity n, List<String> lots) {
            return new View(n.id, n.number(), n.status, n.partId, n.lotId, n.inspectionId, n.description, n.raisedBy, n.raisedAt,
                    n.containment, lots, n.disposition, n.dispositionNote, n.disposedBy, n.disposedAt, n.closedAt, n.characteristicId,
                    n.signal);
        }

        public boolean closed() {
            return status == NonconformityStatus.CLOSED;
        }

        public long ageDays(Instant now) {
            return java.time.Duration.between(raisedAt, closedAt == null ? now : closedAt).toDays();
        }
    }

    /** A lot suspect because of the nonconformity, whether contained already, and whether it is on hold. */
    public record Suspect(String lotId, String kind, String material, int depth, boolean contained, boolean onHold) {
    }

    @Inject
    PartService parts;

    @Inject
    AuditTrail audit;

    @Inject
    LotService lots;

    @Inject
    TraceService trace;

    @Inject
    InspectionService inspections;

    @Inject
    Clock clock;

    public Nonconformity find(long id) {
        return Nonconformity.<Nonconformity>findByIdOptional(id).orElseThrow(() -> Refusal.notFound("no nonconformity " + id));
    }

    public View get(long id) {
        return View.of(find(id), containedLots(id));
    }

    /** Newest first; status null for all. */
    public List<View> list(NonconformityStatus status, int limit) {
        List<Nonconformity> l = status == null ? Nonconformity.<Nonconformity>find("order by raisedAt desc, id desc").page(0, limit).list()
                : Nonconformity.<Nonconformity>find("status = ?1 order by raisedAt desc, id desc", status).page(0, limit).list();
        return l.stream().map(n -> View.of(n, containedLots(n.id))).toList();
    }

    public List<View> ofLot(String lotId) {
        return Nonconformity.<Nonconformity>list("lotId = ?1 order by raisedAt desc", lotId).stream()
                .map(n -> View.of(n, containedLots(n.id))).toList();
    }

    /** Raises a nonconformity: from a failed inspection (its lot and part follow), or by hand about a lot or a part. */
    @Transactional
    public View raise(Long inspectionId, String lotId, String partId, String description) {
        if (description == null || description.isBlank() || description.length() > 2000) {
            throw Refusal.invalid("a description of the nonconformity is required, at most 2000 characters");
        }
        Nonconformity n = new Nonconformity();
        if (inspectionId != null) {
            InspectionService.InspectionView i = inspections.get(inspectionId);
            if (!i.current()) {
                throw Refusal.conflict("inspection " + inspectionId + " was superseded by " + i.supersededById());
            }
            n.inspectionId = i.id();
            lotId = i.lotId();
        }
        String lot = ControlPlanService.blankToNull(lotId);
        if (lot != null) {
            LotService.Snapshot l = lots.find(lot).orElseThrow(() -> Refusal.invalid("no lot '" + lot + "'"));
            n.lotId = l.id();
            n.partId = partExists(l.material()) ? l.material() : null;
        } else if (ControlPlanService.blankToNull(partId) != null) {
            if (!partExists(partId.trim())) {
                throw Refusal.invalid("no part '" + partId.trim() + "'");
            }
            n.partId = partId.trim();
        } else {
            throw Refusal.invalid("a nonconformity is about a lot (lotId), a part (partId) or a failed inspection (inspectionId)");
        }
        n.status = NonconformityStatus.OPEN;
        n.description = description.trim();
        n.raisedBy = audit.currentActor();
        n.raisedAt = clock.instant();
        n.persist();
        n.flush();
        View v = View.of(n, List.of());
        audit.record("RAISE", "nonconformity", String.valueOf(n.id), null, v);
        if (n.lotId != null) {
            // nonconforming product is held at once (IATF 16949 8.7.1); what was made from it is the containment's decision
            holdUnder(n, List.of(n.lotId));
            v = get(n.id);
        }
        return v;
    }

    /** A reaction plan's nonconformity and whether this signal raised it or repeated on it. */
    public record Reacted(View nonconformity, boolean repeat) {
    }

    /**
     * A reaction plan fired (IATF 16949 8.7.1.1): the open nonconformity of this characteristic and
     * signal gets the new evidence and holds the new suspect lots; without one, one is raised with
     * the inspection as its evidence. The caller holds the characteristic's lock.
     */
    @Transactional
    public Reacted react(long characteristicId, String signal, InspectionService.InspectionView evidence, List<String> suspectLots,
            String description) {
        Nonconformity open = Nonconformity.<Nonconformity>find("characteristicId = ?1 and signal = ?2 and status <> ?3", characteristicId,
                signal, NonconformityStatus.CLOSED).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional().orElse(null);
        boolean repeat = open != null;
        if (open == null) {
            View raised = raise(evidence.id(), null, null, description);
            open = find(raised.id());
            open.characteristicId = characteristicId;
            open.signal = signal;
            open.flush();
        }
        View before = get(open.id);
        Nonconformity.addEvidence(open.id, evidence.id(), signal, clock.instant());
        List<String> toHold = new ArrayList<>(new java.util.LinkedHashSet<>(suspectLots));
        toHold.removeAll(containedLots(open.id));
        if (!toHold.isEmpty()) {
            holdUnder(open, toHold);
        }
        View after = get(open.id);
        audit.record(repeat ? "REACTION_REPEATED" : "REACTION_RAISED", "nonconformity", String.valueOf(open.id), repeat ? before : null,
                java.util.Map.of("nonconformity", after, "inspectionId", evidence.id(), "signal", signal, "lotsHeld", toHold));
        return new Reacted(after, repeat);
    }

    /** The inspections that made a reaction fire, oldest first. */
    public List<Long> evidence(long id) {
        return Nonconformity.evidence(id);
    }

    /** The open reaction-plan nonconformities of a part, newest first: what the line terminal shows with the plan's instruction. */
    public List<View> openReactions(String partId) {
        return Nonconformity.<Nonconformity>list("partId = ?1 and signal is not null and status <> ?2 order by raisedAt desc", partId,
                NonconformityStatus.CLOSED).stream().map(n -> View.of(n, containedLots(n.id))).toList();
    }

    /** The lots suspect: the nonconformity's lot and every lot made from it (forward traceability). */
    public List<Suspect> suspects(long id) {
        Nonconformity n = find(id);
        Set<String> contained = Set.copyOf(containedLots(id));
        List<Suspect> out = new ArrayList<>();
        if (n.lotId != null) {
            LotService.Snapshot l = lots.get(n.lotId);
            out.add(new Suspect(l.id(), l.kind(), l.material(), 0, contained.contains(l.id()), l.onHold()));
            for (TraceService.Link link : trace.forward(n.lotId).usedIn()) {
                LotService.Snapshot d = lots.get(link.lotId());
                out.add(new Suspect(d.id(), d.kind(), d.material(), link.depth(), contained.contains(d.id()), d.onHold()));
            }
        }
        return out;
    }

    /** Containment: puts the lots on hold under this nonconformity and records the action taken. */
    @Transactional
    public View contain(long id, List<String> lotIds, String containment) {
        Nonconformity n = Nonconformity.<Nonconformity>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> Refusal.notFound("no nonconformity " + id));
        if (n.status == NonconformityStatus.CLOSED) {
            throw Refusal.conflict(n.number() + " is closed");
        }
        if ((lotIds == null || lotIds.isEmpty()) && ControlPlanService.blankToNull(containment) == null) {
            throw Refusal.invalid("containment needs the lots to hold, or the action taken, or both");
        }
        if (containment != null && containment.length() > 2000) {
            throw Refusal.invalid("containment is longer than 2000 characters");
        }
        View before = get(id);
        List<String> ids = lotIds == null ? List.of() : List.copyOf(new LinkedHashSet<>(lotIds.stream().map(String::trim).toList()));
        if (!ids.isEmpty()) {
            holdUnder(n, ids);
        }
        if (ControlPlanService.blankToNull(containment) != null) {
            n.containment = containment.trim();
        }
        n.flush();
        View after = get(id);
        audit.record("CONTAIN", "nonconformity", String.valueOf(id), before, after);
        return after;
    }

    /** Puts the lots on hold under the nonconformity (those on hold already stay so) and records them as contained. */
    private void holdUnder(Nonconformity n, List<String> ids) {
        lots.hold(ids, n.number() + ": " + abbreviate(n.description, 400));
        Nonconformity.contain(n.id, ids);
    }

    /** The disposition, by an authorised person: use as is (concession), rework, scrap, return to supplier. */
    @Transactional
    public View dispose(long id, String disposition, String note) {
        Nonconformity n = Nonconformity.<Nonconformity>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> Refusal.notFound("no nonconformity " + id));
        Disposition d;
        try {
            d = Disposition.valueOf(disposition == null ? "" : disposition.trim());
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("disposition must be USE_AS_IS, REWORK, SCRAP or RETURN_TO_SUPPLIER");
        }
        if (note != null && note.length() > 2000) {
            throw Refusal.invalid("note is longer than 2000 characters");
        }
        List<String> affected = affectedLots(n);
        List<String> kinds = affected.stream().map(l -> lots.get(l).kind()).toList();
        String refusal = n.status.dispositionRefusal(d, note, kinds);
        if (refusal != null) {
            throw Refusal.conflict(n.number() + ": " + refusal);
        }
        View before = get(id);
        n.disposition = d;
        n.dispositionNote = ControlPlanService.blankToNull(note);
        n.disposedBy = audit.currentActor();
        n.disposedAt = clock.instant();
        n.status = n.status.after(d);
        if (n.status == NonconformityStatus.CLOSED) {
            n.closedAt = n.disposedAt;
        }
        if (d.releasesHold()) {
            releaseHolds(affected, n.number() + " used as is under concession: " + abbreviate(n.dispositionNote, 400));
        }
        n.flush();
        View after = get(id);
        audit.record("DISPOSE", "nonconformity", String.valueOf(id), before, after);
        return after;
    }

    /** Refuses a re-inspection that has no rework to follow. */
    void requireReinspectable(long id, String lotId) {
        Nonconformity n = find(id);
        if (n.status != NonconformityStatus.REWORK) {
            throw Refusal.conflict(n.number() + " is " + n.status + ": a re-inspection follows a rework disposition");
        }
        if (!affectedLots(n).contains(lotId)) {
            throw Refusal.invalid("lot " + lotId + " is not a lot of " + n.number());
        }
    }

    /** A re-inspection after rework: passing closes the nonconformity and takes its lots off hold. */
    @Transactional(Transactional.TxType.MANDATORY)
    void reinspected(long id, InspectionService.InspectionView inspection) {
        Nonconformity n = Nonconformity.<Nonconformity>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE).orElseThrow();
        View before = get(id);
        n.status = n.status.afterReinspection(inspection.passed());
        if (n.status == NonconformityStatus.CLOSED) {
            n.closedAt = clock.instant();
            releaseHolds(affectedLots(n), n.number() + ": re-inspection " + inspection.id() + " after rework passed");
        }
        n.flush();
        audit.record(inspection.passed() ? "REINSPECTION_PASSED" : "REINSPECTION_FAILED", "nonconformity", String.valueOf(id), before, get(id));
    }

    private void releaseHolds(List<String> lotIds, String reason) {
        for (String lot : lotIds) {
            if (lots.get(lot).onHold()) {
                lots.releaseHold(lot, reason);
            }
        }
    }

    /** The nonconformity's lot and the lots it contained. */
    private List<String> affectedLots(Nonconformity n) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        if (n.lotId != null) {
            out.add(n.lotId);
        }
        out.addAll(containedLots(n.id));
        return List.copyOf(out);
    }

    public List<String> containedLots(long id) {
        return Nonconformity.containedLots(id);
    }

    private boolean partExists(String id) {
        return parts.find(id).isPresent();
    }

    static String abbreviate(String s, int max) {
        return s == null ? "" : s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
