package mes.audit.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One entry of the audit trail (ISO 9001 7.5.3): who did what to which record, when, with the
 * record before and after as JSON text (null when it did not exist before or after).
 * {@code occurredAt} is kept to the microsecond, as PostgreSQL stores it.
 */
public record AuditRecord(long id, Instant occurredAt, String actor, String action, String entityType, String entityId,
        String before, String after) {

    public AuditRecord {
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (!occurredAt.equals(occurredAt.truncatedTo(ChronoUnit.MICROS))) {
            throw new IllegalArgumentException("occurredAt must be whole microseconds: " + occurredAt);
        }
        requireText(actor, "actor");
        requireText(action, "action");
        requireText(entityType, "entityType");
        requireText(entityId, "entityId");
    }

    private static void requireText(String s, String name) {
        if (s == null || s.isEmpty()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
