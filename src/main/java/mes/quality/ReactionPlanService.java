package mes.quality;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import mes.production.LotService;
import mes.production.TraceService;
import mes.quality.InspectionService.InspectionView;
import mes.quality.domain.Reaction;
import mes.quality.persistence.Characteristic;
import mes.quality.persistence.InspectionStore;

/**
 * Reaction plans (IATF 16949 8.7.1.1): when an inspection breaks a limit of its characteristic, or
 * its subgroup breaks an SPC rule against the frozen baseline, the characteristic's reaction runs
 * in the same transaction: the lots of the part made since its last good inspection, and what was
 * made from them, go on hold; a nonconformity is raised with the inspection as evidence, or the
 * open one of the same characteristic and signal gets it (a repeat never makes a second one).
 */
@ApplicationScoped
public class ReactionPlanService {

    /** What a reaction did. */
    public record Fired(String signal, Long nonconformityId, boolean repeat, List<String> suspectLots) {
    }

    @Inject
    SpcService spc;

    @Inject
    NonconformityService nonconformities;

    @Inject
    LotService lots;

    @Inject
    TraceService trace;

    @Inject
    InspectionStore inspectionRecords;

    /** Runs the characteristic's reaction if the new inspection signals; null when nothing fired. */
    public Fired after(Characteristic ch, InspectionView v) {
        if (ch.reaction().none() || v.supersedesId() != null) {
            return null;
        }
        List<String> violations = v.passed() ? spc.violationsOf(ch, v) : List.of();
        String signal = Reaction.signal(!v.passed(), violations);
        if (signal == null) {
            return null;
        }
        // one reaction per characteristic at a time: a repeat finds the nonconformity of the first
        Characteristic.findById(ch.id, LockModeType.PESSIMISTIC_WRITE);
        Instant lastGood = lastGood(ch.id, v);
        List<String> suspects = ch.reaction().holds() ? suspects(ch.partId, v.lotId(), lastGood, v.inspectedAt()) : List.of(v.lotId());
        String what = !Reaction.LIMIT.equals(signal) ? "SPC rule " + signal + " broken against the frozen baseline: " + v.valuesText()
                : ch.variable() ? "outside its limits (" + v.limits() + "): " + v.valuesText() : "failed";
        String description = "Reaction plan of " + ch.code + " (" + ch.name + ") on lot " + v.lotId() + ", " + what.trim()
                + (lastGood == null ? "; no good inspection before it" : "; last good inspection " + lastGood) + ". Plan: "
                + ch.reactionPlan;
        if (ch.reaction().raises()) {
            NonconformityService.Reacted r = nonconformities.react(ch.id, signal, v, ch.reaction().holds() ? suspects : List.of(),
                    description.length() > 2000 ? description.substring(0, 2000) : description);
            return new Fired(signal, r.nonconformity().id(), r.repeat(), suspects);
        }
        lots.hold(suspects, description.length() > 500 ? description.substring(0, 500) : description);
        return new Fired(signal, null, false, suspects);
    }

    /** The lots of the part produced since the last good inspection (all of them if there was none), the inspected one, and what was made from them. */
    private List<String> suspects(String partId, String inspectedLot, Instant lastGood, Instant at) {
        Set<String> out = new LinkedHashSet<>();
        out.add(inspectedLot);
        lots.producedBetween(partId, lastGood == null ? Instant.EPOCH : lastGood, at).forEach(l -> out.add(l.id()));
        for (String lot : List.copyOf(out)) {
            trace.forward(lot).usedIn().forEach(link -> out.add(link.lotId()));
        }
        return List.copyOf(out);
    }

    /** The newest current inspection of the characteristic before this one that passed, or null. */
    private Instant lastGood(long characteristicId, InspectionView v) {
        return inspectionRecords.lastPass(characteristicId, v.id(), v.inspectedAt());
    }
}
