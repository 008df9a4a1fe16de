package mes.ingest.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The time window a message's ts must lie in: not older than the retention horizon, not more
 * than the allowed skew in the future (contracts/sensor-message.md: 7 days, 5 minutes).
 */
public record Horizon(Duration retention, Duration futureSkew) {

    public Horizon {
        if (retention.isNegative() || retention.isZero() || futureSkew.isNegative()) {
            throw new IllegalArgumentException("retention must be positive and future skew not negative");
        }
    }

    /** Empty when ts is acceptable at {@code now}, else the reason it is not. */
    public Optional<String> check(Instant ts, Instant now) {
        if (ts.isBefore(now.minus(retention))) {
            return Optional.of("ts " + ts + " is older than the retention horizon of " + retention.toDays() + " days");
        }
        if (ts.isAfter(now.plus(futureSkew))) {
            return Optional.of("ts " + ts + " is more than " + futureSkew.toMinutes() + " minutes in the future");
        }
        return Optional.empty();
    }
}
