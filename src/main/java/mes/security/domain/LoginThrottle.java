package mes.security.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Slows down password guessing. Failures are counted per key (a user name, a client address)
 * within a window; past the allowance each further failure locks the key for twice as long as
 * the one before, up to a maximum. A success clears the key. Plain Java, not thread-safe on its
 * own: the caller synchronises.
 */
public final class LoginThrottle {

    /** How much is allowed. */
    public record Policy(int allowedFailures, Duration window, Duration firstLock, Duration maxLock) {
        public Policy {
            if (allowedFailures < 1 || window.isNegative() || window.isZero() || firstLock.isNegative() || maxLock.compareTo(firstLock) < 0) {
                throw new IllegalArgumentException("invalid throttle policy");
            }
        }
    }

    private record Failures(int count, Instant first, Instant lockedUntil) {
    }

    private final Policy policy;
    private final Map<String, Failures> failures = new HashMap<>();

    public LoginThrottle(Policy policy) {
        this.policy = policy;
    }

    /** Until when the key is locked, or null when it may try now. */
    public Instant lockedUntil(String key, Instant now) {
        Failures f = failures.get(key);
        return f == null || f.lockedUntil() == null || !now.isBefore(f.lockedUntil()) ? null : f.lockedUntil();
    }

    /** Counts a failure; returns until when the key is now locked (null: not locked). */
    public Instant failed(String key, Instant now) {
        Failures f = failures.get(key);
        if (f == null || now.isAfter(f.first().plus(policy.window())) && (f.lockedUntil() == null || now.isAfter(f.lockedUntil()))) {
            f = new Failures(0, now, null);
        }
        int count = f.count() + 1;
        Instant until = null;
        if (count > policy.allowedFailures()) {
            int over = Math.min(count - policy.allowedFailures() - 1, 20);
            Duration lock = policy.firstLock().multipliedBy(1L << over);
            until = now.plus(lock.compareTo(policy.maxLock()) > 0 ? policy.maxLock() : lock);
        }
        failures.put(key, new Failures(count, f.first(), until));
        return until;
    }

    public void succeeded(String key) {
        failures.remove(key);
    }

    /** Forgets keys whose window and lock are over, so memory stays bounded. */
    public void prune(Instant now) {
        for (Iterator<Failures> it = failures.values().iterator(); it.hasNext();) {
            Failures f = it.next();
            boolean windowOver = now.isAfter(f.first().plus(policy.window()));
            boolean lockOver = f.lockedUntil() == null || now.isAfter(f.lockedUntil());
            if (windowOver && lockOver) {
                it.remove();
            }
        }
    }

    public int size() {
        return failures.size();
    }
}
