package mes.ingest.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket for one machine's sensor readings: it refills at {@code readingsPerSecond}
 * up to {@code burst}. A message whose readings fit is stored in full; one that does not is
 * downsampled (never dropped). State and counter data never pass through it. Not thread-safe:
 * one bucket per machine, used under the caller's lock.
 */
public final class ReadingBudget {

    private final double readingsPerSecond;
    private final double burst;
    private double tokens;
    private Instant last;

    public ReadingBudget(double readingsPerSecond, double burst) {
        if (!(readingsPerSecond > 0) || !(burst >= 1)) {
            throw new IllegalArgumentException("a reading budget needs a positive rate and a burst of at least 1");
        }
        this.readingsPerSecond = readingsPerSecond;
        this.burst = burst;
        this.tokens = burst;
    }

    /** Takes {@code readings} tokens if there are enough at {@code now}; answers whether it did. */
    public boolean tryTake(int readings, Instant now) {
        if (last != null && now.isAfter(last)) {
            double seconds = Duration.between(last, now).toNanos() / 1e9;
            tokens = Math.min(burst, tokens + seconds * readingsPerSecond);
        }
        if (last == null || now.isAfter(last)) {
            last = now;
        }
        if (readings <= tokens) {
            tokens -= readings;
            return true;
        }
        return false;
    }
}
