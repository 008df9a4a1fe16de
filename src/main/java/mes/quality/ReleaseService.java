package mes.quality;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mes.audit.AuditTrail;
import mes.kernel.Refusal;
import mes.production.LotService;
import mes.production.TraceService;
import mes.production.WorkOrderService;
import mes.quality.domain.ReleaseRule;
import mes.quality.persistence.ReleaseStore;

/**
 * Product release (ISO 9001 8.6): a lot is released when nothing blocks it ({@link ReleaseRule}:
 * its control plan's inspections current, passed and made with gauges in calibration, no input
 * lot of its genealogy on hold, its order's quantities plausible, no nonconformity on it open),
 * or under a concession by an authorised person, which keeps each blocker by name. The release
 * records who authorised it; it is evidence and cannot be changed.
 */
@ApplicationScoped
public class ReleaseService {

    public record Release(long id, String lotId, String concession, String outstanding, String authorisedBy, Instant authorisedAt) {
    }

    /** Where a lot stands: what its plan asks, what its inspections say, and whether it may be released. */
    public record Status(String lotId, String partId, boolean onHold, boolean open, List<String> planned, Map<String, String> current,
            List<ReleaseRule.Blocker> outstanding, Release release, String refusal) {
        public boolean releasable() {
            return refusal == null;
        }

        public boolean concessionWouldRelease() {
            return release == null && !onHold && !open && !outstanding.isEmpty();
        }
    }

    /** A closed lot not yet released. */
    public record Waiting(String lotId, String partId, String workOrderId, Instant closedAt, boolean onHold) {
    }

    @Inject
    LotService lots;

    @Inject
    ReleaseStore store;

    @Inject
    AuditTrail audit;

    @Inject
    ControlPlanService plans;

    @Inject
    mes.training.QualificationService qualifications;

    @Inject
    InspectionService inspections;

    @Inject
    Clock clock;

    @Inject
    TraceService trace;

    @Inject
    WorkOrderService orders;

    @Inject
    NonconformityService nonconformities;

    public Status status(String lotId) {
        LotService.Snapshot lot = lots.find(lotId).orElseThrow(() -> Refusal.notFound("no lot '" + lotId + "'"));
        return status(lot);
    }

    private Status status(LotService.Snapshot lot) {
        String part = InspectionService.partOf(lot);
        List<String> planned = plans.active(part).stream().map(c -> c.code).toList();
        Map<String, String> current = new java.util.LinkedHashMap<>();
        Map<String, ReleaseRule.Current> currentInspections = new java.util.LinkedHashMap<>();
        for (InspectionService.InspectionView v : inspections.current(lot.id())) {
            current.put(v.characteristic(), v.result());
            currentInspections.put(v.characteristic(), new ReleaseRule.Current(v.result(), v.gaugeOverdue()));
        }
        List<String> inputsOnHold = trace.backward(lot.id()).components().stream().filter(TraceService.Link::onHold)
                .map(TraceService.Link::lotId).distinct().toList();
        String quantities = lot.workOrderId() == null ? null : orders.quantitiesImplausibility(lot.workOrderId());
        List<String> openNcrs = nonconformities.ofLot(lot.id()).stream().filter(n -> !n.closed()).map(NonconformityService.View::number).toList();
        List<ReleaseRule.Blocker> blockers = ReleaseRule.blockers(planned, currentInspections, inputsOnHold, quantities, openNcrs);
        Release release = find(lot.id());
        boolean open = LotService.PRODUCED.equals(lot.kind()) && lot.closedAt() == null;
        return new Status(lot.id(), part, lot.onHold(), open, planned, current, blockers, release,
                ReleaseRule.refusal(release != null, lot.onHold(), open, blockers, false));
    }

    /** Releases the lot; a concession (the terms and who agreed) is needed when planned inspections are outstanding. */
    @Transactional
    public Release release(String lotId, String concession) {
        LotService.Snapshot lot = lots.locked(lotId);
        qualifications.requireQualified(List.of("TASK:RELEASE"));
        String terms = ControlPlanService.blankToNull(concession);
        if (terms != null && terms.length() > 2000) {
            throw Refusal.invalid("concession is longer than 2000 characters");
        }
        Status s = status(lot);
        String refusal = ReleaseRule.refusal(s.release() != null, lot.onHold(), s.open(), s.outstanding(), terms != null);
        if (refusal != null) {
            throw Refusal.conflict("lot " + lotId + " cannot be released: " + refusal);
        }
        String outstanding = ReleaseRule.text(s.outstanding());
        String actor = audit.currentActor();
        Instant now = clock.instant();
        long id = store.add(lotId, s.outstanding().isEmpty() ? null : terms, outstanding, actor, now);
        Release r = new Release(id, lotId, s.outstanding().isEmpty() ? null : terms, outstanding, actor, now);
        audit.record(r.concession() == null ? "RELEASE" : "RELEASE_UNDER_CONCESSION", "lot", lotId, null, r);
        return r;
    }

    public Release find(String lotId) {
        return store.find(lotId);
    }

    /** Lots that are finished (produced and closed, or received) and not released, oldest first. */
    public List<Waiting> waiting(int limit) {
        return store.waiting(limit);
    }
}
