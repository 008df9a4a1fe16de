package mes.andon.domain;

import java.time.Duration;
import java.time.Instant;
import mes.kernel.Refusal;

/**
 * A call for help at a machine: to maintenance, quality or the supervisor; open until someone
 * answers it (acknowledged), then resolved with what was done. A resolved call is evidence.
 */
public record AndonCall(long id, String machineId, Target target, Status status, String note, String calledBy, Instant calledAt,
        String acknowledgedBy, Instant acknowledgedAt, String resolvedBy, Instant resolvedAt, String resolution, Instant escalatedAt,
        String escalatedTo) {

    /** Who is called, and the role that answers. */
    public enum Target {
        MAINTENANCE("maintenance"), QUALITY("quality"), SUPERVISOR("the supervisor");

        private final String label;

        Target(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public enum Status { OPEN, ACKNOWLEDGED, RESOLVED }

    public void checkAcknowledgeable() {
        if (status != Status.OPEN) {
            throw Refusal.conflict("Andon call " + id + " is " + status.name().toLowerCase(java.util.Locale.ROOT)
                    + (acknowledgedBy != null ? " (answered by " + acknowledgedBy + ")" : ""));
        }
    }

    public void checkResolvable() {
        if (status == Status.OPEN) {
            throw Refusal.conflict("Andon call " + id + " has not been answered yet: acknowledge it when you are at the machine");
        }
        if (status == Status.RESOLVED) {
            throw Refusal.conflict("Andon call " + id + " is resolved already");
        }
    }

    /** How long it waited for an answer, up to {@code now} while nobody has answered. */
    public Duration waiting(Instant now) {
        return Duration.between(calledAt, acknowledgedAt != null ? acknowledgedAt : now);
    }

    /** From the answer to the resolution, up to {@code now} while it is not resolved; zero before the answer. */
    public Duration working(Instant now) {
        if (acknowledgedAt == null) {
            return Duration.ZERO;
        }
        return Duration.between(acknowledgedAt, resolvedAt != null ? resolvedAt : now);
    }
}
