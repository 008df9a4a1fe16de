package mes.oee.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import mes.equipment.domain.MachineState;

/**
 * A machine's state as a step function of time: each state event holds until the next one;
 * where the machine was silent for longer than its heartbeat timeout (from the last message's
 * ts plus the timeout until its next message), and before its first state event, it is OFFLINE.
 * Operators' manual reasons replace the reported reason of the time they cover (the later
 * entry winning where entries overlap). Plain function of its inputs: the same facts in any
 * arrival order give the same timeline.
 */
public final class MachineTimeline {

    private final List<StateEvent> events;
    private final List<Interval> online;
    private final List<ManualReason> manual;

    /**
     * @param events state events (any order)
     * @param online the times the machine was heard from: the union of [message ts, ts + timeout)
     * @param manual operators' reasons (any order)
     */
    public MachineTimeline(List<StateEvent> events, List<Interval> online, List<ManualReason> manual) {
        this.events = events.stream().sorted(Comparator.comparing(StateEvent::ts)).toList();
        this.online = merge(online);
        this.manual = manual.stream().sorted(Comparator.comparing(ManualReason::enteredAt)).toList();
    }

    /** The coverage of messages: each message keeps the machine online for the heartbeat timeout. */
    public static List<Interval> coverage(List<Instant> messages, Duration heartbeatTimeout) {
        return merge(messages.stream().map(t -> new Interval(t, t.plus(heartbeatTimeout))).toList());
    }

    /** Sorts and merges overlapping or touching intervals. */
    public static List<Interval> merge(List<Interval> intervals) {
        List<Interval> sorted = intervals.stream().filter(i -> !i.isEmpty()).sorted().toList();
        List<Interval> out = new ArrayList<>();
        for (Interval i : sorted) {
            if (!out.isEmpty() && !i.from().isAfter(out.get(out.size() - 1).to())) {
                Interval last = out.remove(out.size() - 1);
                out.add(new Interval(last.from(), i.to().isAfter(last.to()) ? i.to() : last.to()));
            } else {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * The timeline within the window, as maximal segments of one state and reason. Costs the
     * facts inside the window plus a binary search, so a long timeline can be cut into many small
     * windows cheaply.
     */
    public List<Segment> segments(Interval window) {
        TreeSet<Instant> cuts = new TreeSet<>();
        cuts.add(window.from());
        cuts.add(window.to());
        int firstEvent = lastEventAtOrBefore(window.from());
        for (int i = firstEvent + 1; i < events.size() && events.get(i).ts().isBefore(window.to()); i++) {
            addInside(cuts, events.get(i).ts(), window);
        }
        int firstOnline = firstOnlineEndingAfter(window.from());
        for (int i = firstOnline; i < online.size() && online.get(i).from().isBefore(window.to()); i++) {
            addInside(cuts, online.get(i).from(), window);
            addInside(cuts, online.get(i).to(), window);
        }
        for (ManualReason m : manual) {
            addInside(cuts, m.period().from(), window);
            addInside(cuts, m.period().to(), window);
        }
        List<Segment> out = new ArrayList<>();
        int e = firstEvent; // index of the last event at or before the cursor
        int o = firstOnline; // first online interval not ending at or before the cursor
        Instant previous = null;
        for (Instant cut : cuts) {
            if (previous != null) {
                while (e + 1 < events.size() && !events.get(e + 1).ts().isAfter(previous)) {
                    e++;
                }
                while (o < online.size() && !online.get(o).to().isAfter(previous)) {
                    o++;
                }
                boolean heard = o < online.size() && online.get(o).contains(previous);
                MachineState state = MachineState.OFFLINE;
                String reason = null;
                if (heard && e >= 0) {
                    state = events.get(e).state();
                    reason = events.get(e).reason();
                }
                if (state != MachineState.RUNNING) {
                    for (int m = manual.size() - 1; m >= 0; m--) {
                        if (manual.get(m).period().contains(previous)) {
                            reason = manual.get(m).reason();
                            break;
                        }
                    }
                }
                append(out, new Segment(new Interval(previous, cut), state, reason));
            }
            previous = cut;
        }
        return out;
    }

    /** The index of the last event at or before t, -1 when there is none. */
    private int lastEventAtOrBefore(Instant t) {
        int lo = 0;
        int hi = events.size() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (events.get(mid).ts().isAfter(t)) {
                hi = mid - 1;
            } else {
                found = mid;
                lo = mid + 1;
            }
        }
        return found;
    }

    /** The index of the first online interval ending after t (online.size() when there is none). */
    private int firstOnlineEndingAfter(Instant t) {
        int lo = 0;
        int hi = online.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (online.get(mid).to().isAfter(t)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private static void addInside(TreeSet<Instant> cuts, Instant t, Interval window) {
        if (t.isAfter(window.from()) && t.isBefore(window.to())) {
            cuts.add(t);
        }
    }

    private static void append(List<Segment> out, Segment s) {
        if (s.period().isEmpty()) {
            return;
        }
        if (!out.isEmpty()) {
            Segment last = out.get(out.size() - 1);
            if (last.state() == s.state() && java.util.Objects.equals(last.reason(), s.reason())
                    && last.period().to().equals(s.period().from())) {
                out.set(out.size() - 1, new Segment(new Interval(last.period().from(), s.period().to()), s.state(), s.reason()));
                return;
            }
        }
        out.add(s);
    }
}
