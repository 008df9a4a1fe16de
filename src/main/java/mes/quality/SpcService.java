package mes.quality;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import mes.kernel.Refusal;
import mes.quality.ControlPlanService.CharacteristicView;
import mes.quality.InspectionService.InspectionView;
import mes.quality.domain.Capability;
import mes.quality.domain.ControlChart;
import mes.quality.persistence.Characteristic;
import mes.quality.persistence.SpcBaselines;

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

    /**
     * A chart of a period. With a baseline its limits are the baseline's; without one they are the
     * period's own (phase I). Capability is only stated for a process in statistical control:
     * otherwise {@code capability} is null and {@code capabilityNote} says why.
     */
    public record Study(CharacteristicView characteristic, Instant from, Instant to, List<Subgroup> subgroups, ControlChart location,
            ControlChart dispersion, Capability capability, Targets targets, boolean capable, String note, Baseline baseline,
            boolean inControl, String capabilityNote) {
        public boolean charted() {
            return location != null;
        }
    }

    /** Frozen control limits of a characteristic: from which period, by whom, why. */
    public record Baseline(long id, long characteristicId, ControlChart.Limits limits, int subgroups, Instant from, Instant to, String reason,
            String frozenBy, Instant frozenAt) {
    }

    @Inject
    SpcBaselines store;

    @Inject
    mes.audit.AuditTrail audit;

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
            throw Refusal.invalid("from must be before to");
        }
        Characteristic ch = plans.get(characteristicId);
        Targets targets = ch.special ? new Targets(config.special().cpk(), config.special().ppk())
                : new Targets(config.standard().cpk(), config.standard().ppk());
        if (!ch.variable()) {
            return new Study(CharacteristicView.of(ch), from, to, List.of(), null, null, null, targets, false,
                    ch.code + " is checked pass / fail: it has no control chart or capability", null, false, null);
        }
        Baseline baseline = baseline(characteristicId).orElse(null);
        List<InspectionView> inspected = inspections.subgroups(ch.id, from, to, asOf, config.chartSubgroups());
        List<Subgroup> subgroups = subgroups(ch, inspected);
        int skipped = inspected.size() - subgroups.size();
        String note = skipped == 0 ? null : skipped + " inspection" + (skipped > 1 ? "s" : "") + " of another sample size left out";
        if (subgroups.size() < 2) {
            return new Study(CharacteristicView.of(ch), from, to, subgroups, null, null, null, targets, false,
                    "at least two subgroups are needed for a chart; this period has " + subgroups.size(), baseline, false, null);
        }
        List<double[]> data = subgroups.stream().map(g -> g.values().stream().mapToDouble(Double::doubleValue).toArray()).toList();
        ControlChart.Pair pair = baseline == null ? ControlChart.Pair.of(data) : ControlChart.Pair.against(data, baseline.limits());
        if (!pair.inControl()) {
            return new Study(CharacteristicView.of(ch), from, to, subgroups, pair.location(), pair.dispersion(), null, targets, false, note,
                    baseline, false, "not in statistical control (" + pair.signals() + " signal" + (pair.signals() == 1 ? "" : "s")
                            + "): capability is not meaningful until the causes are found and removed");
        }
        Capability c = Capability.of(data, ch.spec());
        return new Study(CharacteristicView.of(ch), from, to, subgroups, pair.location(), pair.dispersion(), c, targets,
                c.meets(targets.cpk(), targets.ppk()), note, baseline, true, null);
    }

    /**
     * The SPC rules the subgroup of this inspection breaks, judged against the frozen baseline
     * (none without one: limits from the window itself would move with the process), with the
     * subgroups before it as the run rules need them.
     */
    public List<String> violationsOf(Characteristic ch, InspectionView inspection) {
        if (!ch.variable() || inspection.values().size() != ch.sampleSize) {
            return List.of();
        }
        Baseline baseline = baseline(ch.id).orElse(null);
        if (baseline == null) {
            return List.of();
        }
        Instant at = inspection.inspectedAt();
        List<Subgroup> groups = subgroups(ch, inspections.subgroups(ch.id, at.minus(java.time.Duration.ofDays(30)), at.plusNanos(1000),
                clock.instant().plusSeconds(1), 25));
        if (groups.size() < 2 || groups.get(groups.size() - 1).inspectionId() != inspection.id()) {
            return List.of();
        }
        List<double[]> data = groups.stream().map(g -> g.values().stream().mapToDouble(Double::doubleValue).toArray()).toList();
        ControlChart.Pair pair = ControlChart.Pair.against(data, baseline.limits());
        List<String> out = new java.util.ArrayList<>(pair.location().points().get(data.size() - 1).violations());
        pair.dispersion().points().stream().filter(p -> p.index() == data.size() - 1).findFirst().ifPresent(p -> out.addAll(p.violations()));
        return out;
    }

    /** The inspections of the characteristic's sample size as subgroups, oldest first (others are no subgroup of its chart). */
    private static List<Subgroup> subgroups(Characteristic ch, List<InspectionView> inspected) {
        return inspected.stream().filter(v -> v.values().size() == ch.sampleSize)
                .map(v -> new Subgroup(v.id(), v.lotId(), v.inspectedAt(), v.values())).toList();
    }

    /**
     * Freezes the control limits computed from the subgroups of [from, to) as the characteristic's
     * baseline, with a reason; later charts are judged against it. The period must be in control:
     * limits from a period with signals would make the signals normal.
     */
    @jakarta.transaction.Transactional
    public Baseline freeze(long characteristicId, Instant from, Instant to, String reason) {
        if (from == null || to == null || !from.isBefore(to)) {
            throw Refusal.invalid("from and to are required, from before to");
        }
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw Refusal.invalid("a reason for the baseline is required, at most 500 characters");
        }
        Characteristic ch = plans.get(characteristicId);
        if (!ch.variable()) {
            throw Refusal.conflict(ch.code + " is checked pass / fail: it has no control limits");
        }
        List<Subgroup> subgroups = subgroups(ch, inspections.subgroups(ch.id, from, to, clock.instant().plusSeconds(1),
                config.chartSubgroups()));
        if (subgroups.size() < config.baselineSubgroups()) {
            throw Refusal.conflict("a baseline needs at least " + config.baselineSubgroups() + " subgroups; " + from + " to " + to
                    + " has " + subgroups.size());
        }
        ControlChart.Pair pair = ControlChart.Pair.of(subgroups.stream()
                .map(g -> g.values().stream().mapToDouble(Double::doubleValue).toArray()).toList());
        if (!pair.inControl()) {
            throw Refusal.conflict("the period is not in statistical control (" + pair.signals()
                    + " signals): find and remove the causes, or choose a period without them");
        }
        ControlChart.Limits l = pair.limits();
        String actor = audit.currentActor();
        Instant now = clock.instant();
        long id = store.add(characteristicId, l, subgroups.size(), from, to, reason.trim(), actor, now);
        Baseline b = new Baseline(id, characteristicId, l, subgroups.size(), from, to, reason.trim(), actor, now);
        audit.record("FREEZE_BASELINE", "characteristic", String.valueOf(characteristicId), baseline(characteristicId, id).orElse(null), b);
        return b;
    }

    /** The characteristic's current baseline: the newest frozen. */
    public java.util.Optional<Baseline> baseline(long characteristicId) {
        return baseline(characteristicId, Long.MAX_VALUE);
    }

    /** The newest baseline frozen before the one numbered {@code before}. */
    private java.util.Optional<Baseline> baseline(long characteristicId, long before) {
        List<Baseline> l = baselines(characteristicId, before, 1);
        return l.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(l.get(0));
    }

    /** Every baseline of the characteristic, newest first. */
    public List<Baseline> baselines(long characteristicId) {
        return baselines(characteristicId, Long.MAX_VALUE, 1000);
    }

    private List<Baseline> baselines(long characteristicId, long before, int limit) {
        return store.before(characteristicId, before, limit);
    }
}
