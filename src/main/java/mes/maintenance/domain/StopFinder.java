package mes.maintenance.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import mes.equipment.domain.MachineState;
import mes.oee.domain.Interval;
import mes.oee.domain.Segment;

/**
 * Finds a machine's stops (contracts/maintenance.md) in its state timeline. Pure: the same
 * timeline gives the same stops, so the figures do not depend on the order facts arrived in.
 */
public final class StopFinder {

    /** How far one read follows a stop past the window it started in; it is followed until it ends or until now. */
    static final Duration FOLLOW_STEP = Duration.ofDays(7);
    /** How much of the time before a window tells whether a stop at its start began earlier. */
    static final Duration LOOK_BACK = Duration.ofSeconds(1);

    private StopFinder() {
    }

    /**
     * The stops that start in [from, to), each with its whole duration: one that goes on past
     * {@code to} is followed until it ends, or until {@code now} (then it is ongoing). A stop that
     * was already going on at {@code from} belongs to an earlier window.
     *
     * @param timeline the machine's segments over any window, in time order: the whole timeline, or
     *     only its DOWN segments (a gap between two of them is time not DOWN)
     */
    public static List<Stop> find(Function<Interval, List<Segment>> timeline, Interval window, Instant now) {
        Instant end = window.to().isAfter(now) ? now : window.to();
        if (!window.from().isBefore(end)) {
            return List.of();
        }
        // one read with a second before the window: whether it was DOWN right before, and the window itself
        boolean downBefore = false;
        List<Segment> inside = new ArrayList<>();
        for (Segment s : down(timeline.apply(new Interval(window.from().minus(LOOK_BACK), end)))) {
            if (!s.period().from().isBefore(window.from())) {
                inside.add(s);
                continue;
            }
            downBefore = !s.period().to().isBefore(window.from());
            if (s.period().to().isAfter(window.from())) {
                inside.add(new Segment(new Interval(window.from(), s.period().to()), s.state(), s.reason()));
            }
        }
        List<Stop> stops = new ArrayList<>(stops(inside, downBefore, window.from(), end));
        if (stops.isEmpty() || !stops.get(stops.size() - 1).ongoing()) {
            return stops;
        }
        Stop last = stops.remove(stops.size() - 1);
        Instant cursor = end;
        Instant ended = null;
        while (ended == null && cursor.isBefore(now)) {
            Instant next = cursor.plus(FOLLOW_STEP).isAfter(now) ? now : cursor.plus(FOLLOW_STEP);
            ended = endOfLeadingDown(down(timeline.apply(new Interval(cursor, next))), cursor, next);
            cursor = next;
        }
        stops.add(ended != null
                ? new Stop(new Interval(last.period().from(), ended), last.reason(), false)
                : new Stop(new Interval(last.period().from(), now), last.reason(), true));
        return stops;
    }

    /**
     * The stops in a span's DOWN segments: maximal runs of them without a gap (reasons may change
     * inside one), each with the reason of its first segment. A run DOWN up to the span's end is
     * marked ongoing.
     *
     * @param downBefore true when the machine was DOWN right before the span: a run at its start
     *        began earlier and is left out
     */
    static List<Stop> stops(List<Segment> down, boolean downBefore, Instant spanStart, Instant spanEnd) {
        List<Stop> out = new ArrayList<>();
        Instant start = null;
        Instant end = null;
        String reason = null;
        boolean skip = false;
        boolean first = true;
        for (Segment s : down) {
            if (start != null && s.period().from().equals(end)) {
                end = s.period().to();
                continue;
            }
            if (start != null && !skip) {
                out.add(new Stop(new Interval(start, end), reason, false));
            }
            skip = first && downBefore && s.period().from().equals(spanStart);
            first = false;
            start = s.period().from();
            end = s.period().to();
            reason = s.reason();
        }
        if (start != null && !skip) {
            out.add(new Stop(new Interval(start, end), reason, !end.isBefore(spanEnd)));
        }
        return out;
    }

    /** Where the DOWN run at the start of a span ends; null when it is DOWN to the span's end. */
    private static Instant endOfLeadingDown(List<Segment> down, Instant spanStart, Instant spanEnd) {
        Instant cursor = spanStart;
        for (Segment s : down) {
            if (!s.period().from().equals(cursor)) {
                return cursor;
            }
            cursor = s.period().to();
        }
        return cursor.isBefore(spanEnd) ? cursor : null;
    }

    private static List<Segment> down(List<Segment> segments) {
        return segments.stream().filter(s -> s.state() == MachineState.DOWN && !s.period().isEmpty()).toList();
    }
}
