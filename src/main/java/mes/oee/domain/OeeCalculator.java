package mes.oee.domain;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mes.equipment.domain.MachineState;

/**
 * OEE of one machine over a window, exactly as contracts/oee.md defines it: POT is the part of
 * the window in the calendar's shifts; PDOT the breaks plus PLANNED_STOP within POT (a break
 * inside a planned stop counts once); PBT = POT - PDOT, split by state into APT (RUNNING), AUST
 * (SETUP), ADET (IDLE) and ADOT (DOWN, OFFLINE); quantities are the counter increments of
 * samples whose ts lies in PBT. Also the downtime by reason, for the Pareto.
 */
public final class OeeCalculator {

    /**
     * One machine's OEE elements, its loss time by reason within PBT, and the good and scrap
     * counted per work order (key null: samples that named none).
     */
    public record Result(OeeElements elements, Map<String, Double> lossByReason, Map<String, Output> outputByWorkOrder) {
    }

    /** Good and scrap quantities. */
    public record Output(long good, long scrap) {
        public Output plus(Output o) {
            return new Output(good + o.good, scrap + o.scrap);
        }
    }

    private OeeCalculator() {
    }

    /**
     * @param shifts the calendar's shifts overlapping the window ({@link PlannedTime#shifts})
     * @param timeline the machine's states
     * @param samples all counter samples from the last one before the window to the window's end
     * @param pri the planned run time per item, seconds
     */
    public static Result compute(Interval window, List<PlannedTime.ShiftInstance> shifts, MachineTimeline timeline,
            List<CounterSample> samples, double pri) {
        return compute(window, shifts, timeline, samples, workOrder -> pri);
    }

    /**
     * @param pri the planned run time per item in seconds, by the work order a sample names (null:
     *        none): the ideal cycle time of that part on this machine where its routing defines one,
     *        else the machine's
     */
    public static Result compute(Interval window, List<PlannedTime.ShiftInstance> shifts, MachineTimeline timeline,
            List<CounterSample> samples, java.util.function.ToDoubleFunction<String> pri) {
        return compute(window, shifts, timeline, CounterIncrements.of(samples), pri);
    }

    /** The same from counter increments computed once for a span that holds the window. */
    public static Result compute(Interval window, List<PlannedTime.ShiftInstance> shifts, MachineTimeline timeline,
            CounterIncrements increments, java.util.function.ToDoubleFunction<String> pri) {
        List<Interval> planned = clip(MachineTimeline.merge(shifts.stream().map(PlannedTime.ShiftInstance::span).toList()), window);
        List<Interval> breaks = intersect(MachineTimeline.merge(shifts.stream().flatMap(s -> s.breaks().stream()).toList()), planned);
        double pot = 0;
        double pdot = 0;
        double apt = 0;
        double aust = 0;
        double adet = 0;
        double adot = 0;
        Map<String, Double> reasons = new LinkedHashMap<>();
        List<Interval> pbtSet = new java.util.ArrayList<>();
        for (Interval p : planned) {
            for (Segment s : timeline.segments(p)) {
                for (Interval piece : minus(s.period(), breaks)) {
                    double len = piece.seconds();
                    if (s.state() == MachineState.PLANNED_STOP) {
                        pdot += len;
                        continue;
                    }
                    pbtSet.add(piece);
                    switch (s.state()) {
                        case RUNNING -> apt += len;
                        case SETUP -> aust += len;
                        case IDLE -> adet += len;
                        default -> adot += len;
                    }
                    if (s.state() != MachineState.RUNNING) {
                        String reason = s.reason() != null ? s.reason() : s.state().name();
                        reasons.merge(reason, len, Double::sum);
                    }
                }
                pot += s.period().seconds();
            }
        }
        for (Interval b : breaks) {
            pdot += b.seconds();
        }
        List<Interval> pbt = MachineTimeline.merge(pbtSet);
        long[] q = new long[2];
        double[] ideal = new double[2];
        Map<String, Output> output = new LinkedHashMap<>();
        increments.forEachIn(window, c -> {
            if (covers(pbt, c.ts())) {
                double p = pri.applyAsDouble(c.workOrder());
                q[0] += c.good();
                q[1] += c.scrap();
                ideal[0] += p * c.good();
                ideal[1] += p * c.scrap();
                output.merge(c.workOrder(), new Output(c.good(), c.scrap()), Output::plus);
            }
        });
        long gq = q[0];
        long sq = q[1];
        double priGq = ideal[0];
        double priSq = ideal[1];
        long pq = gq + sq;
        double pbtSeconds = pot - pdot;
        OeeElements elements = new OeeElements(pot, pdot, pbtSeconds, apt, aust, adet, adot, pq, gq, sq,
                priGq + priSq, priGq, priSq);
        return new Result(elements, reasons, output);
    }

    private static boolean covers(List<Interval> sorted, Instant t) {
        int lo = 0;
        int hi = sorted.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Interval i = sorted.get(mid);
            if (i.contains(t)) {
                return true;
            }
            if (t.isBefore(i.from())) {
                hi = mid - 1;
            } else {
                lo = mid + 1;
            }
        }
        return false;
    }

    private static List<Interval> clip(List<Interval> intervals, Interval window) {
        return intervals.stream().map(i -> i.intersect(window)).filter(java.util.Objects::nonNull).toList();
    }

    private static List<Interval> intersect(List<Interval> a, List<Interval> b) {
        List<Interval> out = new java.util.ArrayList<>();
        for (Interval x : a) {
            for (Interval y : b) {
                Interval i = x.intersect(y);
                if (i != null) {
                    out.add(i);
                }
            }
        }
        return MachineTimeline.merge(out);
    }

    /** The parts of an interval outside the (sorted, merged) holes. */
    static List<Interval> minus(Interval i, List<Interval> holes) {
        List<Interval> out = new java.util.ArrayList<>();
        Instant cursor = i.from();
        for (Interval h : holes) {
            if (!h.to().isAfter(cursor) || !h.from().isBefore(i.to())) {
                continue;
            }
            if (h.from().isAfter(cursor)) {
                out.add(new Interval(cursor, h.from()));
            }
            if (h.to().isAfter(cursor)) {
                cursor = h.to();
            }
        }
        if (cursor.isBefore(i.to())) {
            out.add(new Interval(cursor, i.to()));
        }
        return out;
    }
}
