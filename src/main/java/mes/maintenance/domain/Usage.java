package mes.maintenance.domain;

import java.time.Instant;

/**
 * Use of a machine that counts towards a plan: {@code amount} accrued evenly over [from, to) (run
 * hours while RUNNING), or all at once at {@code from} when from equals to (the cycles of one
 * counter increment).
 */
public record Usage(Instant from, Instant to, double amount) {

    public Usage {
        if (from == null || to == null || to.isBefore(from) || !(amount >= 0) || Double.isInfinite(amount)) {
            throw new IllegalArgumentException("usage needs from <= to and a finite amount >= 0, got " + from + " .. " + to + ": " + amount);
        }
    }

    /** Cycles counted at one moment. */
    public static Usage at(Instant ts, double amount) {
        return new Usage(ts, ts, amount);
    }

    boolean isPoint() {
        return from.equals(to);
    }
}
