package mes.andon.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * When a call is escalated: unanswered for longer than the first limit, it goes to the
 * supervisor; not resolved within the second, to the plant's management (ADMIN). Worked out from
 * the call's stored times and the moment asked for, so every instance and every page agree.
 */
public record Escalation(Duration unacknowledged, Duration unresolved) {

    public enum Level { NONE, SUPERVISOR, MANAGEMENT }

    public Escalation {
        if (unacknowledged == null || unresolved == null || unacknowledged.isNegative() || unacknowledged.isZero()
                || unresolved.compareTo(unacknowledged) <= 0) {
            throw new IllegalArgumentException("escalation needs 0 < unacknowledged < unresolved, got " + unacknowledged + ", " + unresolved);
        }
    }

    public Level level(AndonCall call, Instant now) {
        if (call.status() == AndonCall.Status.RESOLVED) {
            return Level.NONE;
        }
        if (Duration.between(call.calledAt(), now).compareTo(unresolved) > 0) {
            return Level.MANAGEMENT;
        }
        if (call.status() == AndonCall.Status.OPEN && Duration.between(call.calledAt(), now).compareTo(unacknowledged) > 0) {
            return Level.SUPERVISOR;
        }
        return Level.NONE;
    }
}
