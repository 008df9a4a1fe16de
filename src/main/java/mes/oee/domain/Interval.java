package mes.oee.domain;

import java.time.Duration;
import java.time.Instant;

/** A half-open time interval [from, to). */
public record Interval(Instant from, Instant to) implements Comparable<Interval> {

    public Interval {
        if (from == null || to == null || to.isBefore(from)) {
            throw new IllegalArgumentException("an interval needs from <= to, got " + from + " .. " + to);
        }
    }

    public Duration duration() {
        return Duration.between(from, to);
    }

    public double seconds() {
        return duration().toNanos() / 1e9;
    }

    public boolean isEmpty() {
        return from.equals(to);
    }

    public boolean contains(Instant t) {
        return !t.isBefore(from) && t.isBefore(to);
    }

    /** The overlap, or null when there is none. */
    public Interval intersect(Interval other) {
        Instant a = from.isAfter(other.from) ? from : other.from;
        Instant b = to.isBefore(other.to) ? to : other.to;
        return a.isBefore(b) ? new Interval(a, b) : null;
    }

    @Override
    public int compareTo(Interval o) {
        int c = from.compareTo(o.from);
        return c != 0 ? c : to.compareTo(o.to);
    }
}
