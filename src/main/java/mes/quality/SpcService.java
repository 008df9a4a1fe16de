package mes.quality;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import mes.quality.ControlPlanService.CharacteristicView;
import mes.quality.InspectionService.InspectionView;
import mes.quality.domain.Capability;
import mes.quality.domain.ControlChart;
import mes.quality.persistence.Characteristic;
import mes.web.problem.ProblemException;

/**
 * SPC of one measured characteristic over a period: its current inspections as subgroups (one
 * inspection, one subgroup of the plan's sample size), the control charts, and the capability
 * against the plant's targets for its class (special or not).
 */
@ApplicationScoped
public class SpcService {

    /** A subgroup on the chart: where it came from. */
    public record Subgroup(long inspectionId, String lotId, Instant inspectedAt, List<Double> values) {
    }

    public record Targets(double cpk, double ppk) {
    }

    public record Study(CharacteristicView characteristic, Instant from, Instant to, List<Subgroup> subgroups, ControlChart location,
            ControlChart dispersion, Capability capability, Targets targets, boolean capable, String note) {
        public boolean charted() {
            return location != null;
        }
    }

    @Inject
    ControlPlanService plans;

    @Inject
    InspectionService inspections;

    @Inject
    QualityConfig config;

    @Inject
    java.time.Clock clock;

    public Study study(long characteristicId, Instant from, Instant to) {
        return study(characteristicId, from, to, clock.instant().plusSeconds(1));
    }

    /** The study as the records stood at {@code asOf} (see {@link InspectionService#subgroups}). */
    public Study study(long characteristicId, Instant from, Instant to, Instant asOf) {
        if (!from.isBefore(to)) {
            throw ProblemException.badRequest("from must be before to");
        }
        Characteristic ch = plans.get(characteristicId);
        Targets targets = ch.special ? new Targets(config.special().cpk(), config.special().ppk())
                : new Targets(config.standard().cpk(), config.standard().ppk());
        if (!ch.variable()) {
            return new Study(CharacteristicView.of(ch), from, to, List.of(), null, null, null, targets, false,
                    ch.code + " is checked pass / fail: it has no control chart or capability");
        }
        List<Subgroup> subgroups = new ArrayList<>();
        int skipped = 0;
        for (InspectionView v : inspections.subgroups(characteristicId, from, to, asOf, config.chartSubgroups())) {
            if (v.values().size() == ch.sampleSize) {
                subgroups.add(new Subgroup(v.id(), v.lotId(), v.inspectedAt(), v.values()));
            } else {
                skipped++;
            }
        }
        String note = skipped == 0 ? null : skipped + " inspection" + (skipped > 1 ? "s" : "") + " of another sample size left out";
        if (subgroups.size() < 2) {
            return new Study(CharacteristicView.of(ch), from, to, subgroups, null, null, null, targets, false,
                    "at least two subgroups are needed for a chart; this period has " + subgroups.size());
        }
        List<double[]> data = subgroups.stream().map(s -> s.values().stream().mapToDouble(Double::doubleValue).toArray()).toList();
        ControlChart.Pair pair = ControlChart.Pair.of(data);
        Capability c = Capability.of(data, ch.spec());
        return new Study(CharacteristicView.of(ch), from, to, subgroups, pair.location(), pair.dispersion(), c, targets,
                c.meets(targets.cpk(), targets.ppk()), note);
    }
}
