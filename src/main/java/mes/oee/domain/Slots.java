package mes.oee.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import mes.oee.domain.OeeCalculator.Output;
import mes.oee.domain.OeeCalculator.Result;

/**
 * Rollups of OEE in quarter-hour slots (UTC quarter hours, which are local quarter hours in
 * every time zone in use), so that a week of a whole site is a sum of stored slots instead of a
 * fold over every stored sample.
 *
 * <p>A slot's rollup is {@link OeeCalculator} over the slot as if it were wholly planned without
 * breaks: its POT is the slot, its PDOT the planned stops, its state times, loss by reason and
 * output per work order (PRI is applied when the rollup is read, so a changed routing or ideal
 * cycle time needs no recomputation). Rollups serve exactly the slots of a window that lie
 * wholly inside its planned time, clear of breaks, and have ended. {@link #plan} splits a window
 * into those slots, the parts that are breaks only (POT and PDOT without any fact), and the rest,
 * which is computed from the raw facts. The sum of the three is the raw computation over the
 * window, because every element of contracts/oee.md adds over disjoint parts of planned time:
 * state times are lengths, counter increments belong to the sample's ts, and each increment is
 * taken against the previous sample of the whole history.
 */
public final class Slots {

    public static final Duration LENGTH = Duration.ofMinutes(15);
    private static final long SECONDS = LENGTH.toSeconds();

    private Slots() {
    }

    /** How a window is computed: from slot rollups, break time, and raw pieces. */
    public record Plan(List<Instant> slots, double breakSeconds, List<Interval> raw) {
    }

    /** The rollup of one slot (seconds, and output per work order with null for none). */
    public record Rollup(Instant slot, double pdot, double apt, double aust, double adet, double adot,
            Map<String, Double> lossByReason, Map<String, Output> outputByWorkOrder, List<Segment> down, long parts) {

        public static Rollup of(Instant slot, Result r, List<Segment> down, long parts) {
            OeeElements e = r.elements();
            return new Rollup(slot, e.pdot(), e.apt(), e.aust(), e.adet(), e.adot(), r.lossByReason(), r.outputByWorkOrder(), down, parts);
        }
    }

    /** The sum of some slots' rollups. */
    public record Sum(int slots, double pdot, double apt, double aust, double adet, double adot,
            Map<String, Double> lossByReason, Map<String, Output> outputByWorkOrder) {

        /** The elements of these slots, with PRI per work order applied now. */
        public Result result(ToDoubleFunction<String> pri) {
            long gq = 0;
            long sq = 0;
            double priGq = 0;
            double priSq = 0;
            for (Map.Entry<String, Output> o : outputByWorkOrder.entrySet()) {
                double p = pri.applyAsDouble(o.getKey());
                gq += o.getValue().good();
                sq += o.getValue().scrap();
                priGq += p * o.getValue().good();
                priSq += p * o.getValue().scrap();
            }
            double pot = (double) slots * SECONDS;
            return new Result(new OeeElements(pot, pdot, pot - pdot, apt, aust, adet, adot, gq + sq, gq, sq, priGq + priSq,
                    priGq, priSq), lossByReason, outputByWorkOrder);
        }
    }

    /** The start of the slot holding t. */
    public static Instant floor(Instant t) {
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), SECONDS) * SECONDS);
    }

    public static Interval of(Instant slot) {
        return new Interval(slot, slot.plus(LENGTH));
    }

    /** The rollup of one slot from a machine's facts (a span holding the slot), with its DOWN stretches and every part counted in it. */
    public static Rollup rollup(Instant slot, MachineTimeline timeline, CounterIncrements increments) {
        Interval span = of(slot);
        List<PlannedTime.ShiftInstance> wholly = List.of(new PlannedTime.ShiftInstance("slot", null, span, List.of()));
        List<Segment> down = timeline.segments(span).stream().filter(x -> x.state() == mes.equipment.domain.MachineState.DOWN).toList();
        long[] parts = new long[1];
        increments.forEachIn(span, i -> parts[0] += i.good() + i.scrap());
        return Rollup.of(slot, OeeCalculator.compute(span, wholly, timeline, increments, workOrder -> 0), down, parts[0]);
    }

    /**
     * @param shifts the calendar's shifts overlapping the window
     * @param endedBy slots must end at or before this instant to be served from rollups (now)
     */
    public static Plan plan(Interval window, List<PlannedTime.ShiftInstance> shifts, Instant endedBy) {
        List<Interval> planned = new ArrayList<>();
        for (Interval p : MachineTimeline.merge(shifts.stream().map(PlannedTime.ShiftInstance::span).toList())) {
            Interval i = p.intersect(window);
            if (i != null) {
                planned.add(i);
            }
        }
        List<Interval> breaks = MachineTimeline.merge(shifts.stream().flatMap(s -> s.breaks().stream()).toList());
        List<Instant> slots = new ArrayList<>();
        List<Interval> rest = new ArrayList<>();
        for (Interval p : planned) {
            Instant cursor = p.from();
            Instant slot = floor(p.from());
            if (slot.isBefore(p.from())) {
                slot = slot.plus(LENGTH);
            }
            for (; !slot.plus(LENGTH).isAfter(p.to()); slot = slot.plus(LENGTH)) {
                Interval s = of(slot);
                if (s.to().isAfter(endedBy) || overlapsAny(s, breaks)) {
                    continue;
                }
                if (cursor.isBefore(slot)) {
                    rest.add(new Interval(cursor, slot));
                }
                slots.add(slot);
                cursor = s.to();
            }
            if (cursor.isBefore(p.to())) {
                rest.add(new Interval(cursor, p.to()));
            }
        }
        double breakSeconds = 0;
        List<Interval> raw = new ArrayList<>();
        for (Interval r : rest) {
            for (Interval b : breaks) {
                Interval i = b.intersect(r);
                if (i != null) {
                    breakSeconds += i.seconds();
                }
            }
            raw.addAll(OeeCalculator.minus(r, breaks));
        }
        return new Plan(slots, breakSeconds, raw);
    }

    /** The result of break time alone: planned, and planned down. */
    public static Result breaks(double seconds) {
        return new Result(new OeeElements(seconds, seconds, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), Map.of(), Map.of());
    }

    /** Sums results (a window's slots, break time and raw pieces). */
    public static Result sum(List<Result> results) {
        OeeElements total = OeeElements.ZERO;
        Map<String, Double> loss = new LinkedHashMap<>();
        Map<String, Output> output = new LinkedHashMap<>();
        for (Result r : results) {
            total = total.plus(r.elements());
            r.lossByReason().forEach((k, v) -> loss.merge(k, v, Double::sum));
            r.outputByWorkOrder().forEach((k, v) -> output.merge(k, v, Output::plus));
        }
        return new Result(total, loss, output);
    }

    private static boolean overlapsAny(Interval i, List<Interval> sorted) {
        for (Interval b : sorted) {
            if (b.intersect(i) != null) {
                return true;
            }
            if (!b.from().isBefore(i.to())) {
                return false;
            }
        }
        return false;
    }
}
