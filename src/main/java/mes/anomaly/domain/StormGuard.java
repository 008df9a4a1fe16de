package mes.anomaly.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The alert storm rule: a machine opens at most {@code cap} new alerts in any minute. A new alert
 * (one with no open alert of the same machine, sensor and rule) is admitted while fewer than
 * {@code cap} were opened on its machine in the minute up to its first finding; beyond that it
 * is held back, and the held-back findings of a machine are told in one storm alert instead.
 * Alerts opened later than the finding do not count against it (findings are judged in ts order).
 */
public final class StormGuard {

    public static final Duration WINDOW = Duration.ofMinutes(1);

    private final int cap;
    private final Map<String, List<Instant>> opened = new HashMap<>();

    /**
     * @param cap the most new alerts a machine opens in a minute
     * @param openedRecently the times alerts were opened, by machine, from a minute before the earliest finding on
     */
    public StormGuard(int cap, Map<String, List<Instant>> openedRecently) {
        if (cap < 1) {
            throw new IllegalArgumentException("the storm cap must be at least 1");
        }
        this.cap = cap;
        openedRecently.forEach((machine, times) -> opened.put(machine, new ArrayList<>(times)));
    }

    /** True when a new alert of the machine, first found at {@code at}, may open; an admitted one counts from then on. */
    public boolean admit(String machineId, Instant at) {
        List<Instant> times = opened.computeIfAbsent(machineId, k -> new ArrayList<>());
        Instant since = at.minus(WINDOW);
        long inLastMinute = times.stream().filter(t -> t.isAfter(since) && !t.isAfter(at)).count();
        if (inLastMinute >= cap) {
            return false;
        }
        times.add(at);
        return true;
    }
}
