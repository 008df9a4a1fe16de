package mes.maintenance.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where a plan stands (contracts/maintenance.md): its trigger's measure since the last completion
 * (or the plan's start), due when it has reached N, overdue when it is beyond N plus the
 * tolerance. Worked out from the machine's stored use alone, so any instance, at any later time,
 * gives the same answer for the same moment.
 *
 * @param measure the trigger's measure since {@code since} up to the moment asked for (days, run hours or cycles)
 * @param dueAt when the measure reached N; for DAYS also when it will, otherwise null until it has
 * @param overdueAt when the measure went beyond N plus the tolerance, on the same terms
 */
public record PlanStanding(State state, double measure, Instant dueAt, Instant overdueAt) {

    public enum State { NOT_DUE, DUE, OVERDUE }

    private static final double SECONDS_PER_DAY = 86_400;

    /**
     * @param since the last completion, or the plan's start
     * @param usage the machine's use from {@code since} to {@code now}, in any order (ignored for DAYS)
     */
    public static PlanStanding of(PlanTrigger trigger, double every, double tolerancePercent, Instant since, List<Usage> usage,
            Instant now) {
        if (!(every > 0) || !(tolerancePercent >= 0)) {
            throw new IllegalArgumentException("a plan needs N > 0 and a tolerance >= 0");
        }
        double limit = limit(every, tolerancePercent);
        if (trigger == PlanTrigger.DAYS) {
            Instant dueAt = plusDays(since, every);
            Instant overdueAt = plusDays(since, limit);
            double measure = Math.max(0, Duration.between(since, now).toNanos() / 1e9 / SECONDS_PER_DAY);
            State state = now.isAfter(overdueAt) ? State.OVERDUE : !now.isBefore(dueAt) ? State.DUE : State.NOT_DUE;
            return new PlanStanding(state, measure, dueAt, overdueAt);
        }
        List<Usage> used = clip(usage, since, now);
        double measure = used.stream().mapToDouble(Usage::amount).sum();
        Instant dueAt = reaching(used, every, false);
        Instant overdueAt = reaching(used, limit, true);
        State state = overdueAt != null ? State.OVERDUE : dueAt != null ? State.DUE : State.NOT_DUE;
        return new PlanStanding(state, measure, dueAt, overdueAt);
    }

    /** N plus the tolerance. */
    public static double limit(double every, double tolerancePercent) {
        return every * (1 + tolerancePercent / 100);
    }

    /** Whether a measure at completion was within N plus the tolerance (a completion early counts as within). */
    public static boolean withinTolerance(double measureAtDone, double every, double tolerancePercent) {
        return measureAtDone <= limit(every, tolerancePercent);
    }

    /** The use in [since, until). */
    public static double measure(List<Usage> usage, Instant since, Instant until) {
        return clip(usage, since, until).stream().mapToDouble(Usage::amount).sum();
    }

    /**
     * The use inside [since, until), in order: intervals cut at both ends with their share of the
     * amount, point amounts at since included, at until not.
     */
    static List<Usage> clip(List<Usage> usage, Instant since, Instant until) {
        List<Usage> out = new ArrayList<>();
        for (Usage u : usage) {
            if (u.isPoint()) {
                if (!u.from().isBefore(since) && u.from().isBefore(until)) {
                    out.add(u);
                }
                continue;
            }
            Instant a = u.from().isBefore(since) ? since : u.from();
            Instant b = u.to().isAfter(until) ? until : u.to();
            if (a.isBefore(b)) {
                out.add(a.equals(u.from()) && b.equals(u.to()) ? u : new Usage(a, b, u.amount() * seconds(a, b) / seconds(u.from(), u.to())));
            }
        }
        out.sort(Comparator.comparing(Usage::from));
        return out;
    }

    /** The first moment at which the use, summed in order, reaches the threshold ({@code beyond}: exceeds it); null when it never does. */
    static Instant reaching(List<Usage> sorted, double threshold, boolean beyond) {
        double sum = 0;
        for (Usage u : sorted) {
            boolean crosses = beyond ? sum + u.amount() > threshold : sum + u.amount() >= threshold;
            if (crosses) {
                if (u.isPoint()) {
                    return u.from();
                }
                double rate = u.amount() / seconds(u.from(), u.to());
                // to the microsecond, as the facts are stored: sums of doubles are off by a fraction of a nanosecond
                Instant at = u.from().plusNanos(Math.round(Math.max(0, threshold - sum) / rate * 1e6) * 1000);
                return at.isAfter(u.to()) ? u.to() : at;
            }
            sum += u.amount();
        }
        return null;
    }

    private static double seconds(Instant a, Instant b) {
        return Duration.between(a, b).toNanos() / 1e9;
    }

    private static Instant plusDays(Instant since, double days) {
        return since.plusNanos(Math.round(days * SECONDS_PER_DAY * 1e9));
    }
}
