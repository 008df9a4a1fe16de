package mes.training.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The rules of the training matrix (IATF 16949 7.2): a person meets a requirement when their
 * newest grant for it reaches its level and has not expired. Levels as most plants use them
 * (ILUO): 1 in training, 2 works under supervision, 3 works alone, 4 trains others; 0 withdrawn.
 */
public final class Qualifications {

    public static final Set<String> KINDS = Set.of("OPERATION", "PART", "MACHINE", "TASK");
    public static final List<String> TASKS = List.of("INSPECTION", "RELEASE");

    /** A column of the matrix: what needs a qualification, and the lowest level that may do it alone. */
    public record Requirement(String kind, String scopeId, int minLevel, String description) {
        public String name() {
            return kind + " " + scopeId;
        }
    }

    /** A cell: a person's level for a requirement, until when; an override is a supervisor's, for hours, with its reason. */
    public record Grant(long id, String username, String kind, String scopeId, int level, Instant validUntil, boolean override,
            String note, String grantedBy, Instant grantedAt) {
    }

    public enum Standing {
        QUALIFIED, EXPIRING, OVERRIDE, EXPIRED, TOO_LOW, MISSING;

        public boolean meets() {
            return this == QUALIFIED || this == EXPIRING || this == OVERRIDE;
        }
    }

    private Qualifications() {
    }

    /** The standing of a person's newest grant (null: none) against a requirement at {@code now}. */
    public static Standing standing(Requirement r, Grant newest, Instant now, Duration warning) {
        if (newest == null || newest.level() == 0) {
            return Standing.MISSING;
        }
        if (!now.isBefore(newest.validUntil())) {
            return Standing.EXPIRED;
        }
        if (newest.level() < r.minLevel()) {
            return Standing.TOO_LOW;
        }
        if (newest.override()) {
            return Standing.OVERRIDE;
        }
        return now.plus(warning).isBefore(newest.validUntil()) ? Standing.QUALIFIED : Standing.EXPIRING;
    }

    /** Why the person may not do it, naming the qualification, or null when they may. */
    public static String refusal(String user, Requirement r, Grant newest, Instant now) {
        Standing s = standing(r, newest, now, Duration.ZERO);
        return switch (s) {
            case MISSING -> user + " has no qualification for " + r.name() + " (level " + r.minLevel() + " needed)";
            case EXPIRED -> user + "'s qualification for " + r.name() + " expired on " + newest.validUntil();
            case TOO_LOW -> user + " is at level " + newest.level() + " for " + r.name() + ", level " + r.minLevel() + " is needed";
            default -> null;
        };
    }
}
