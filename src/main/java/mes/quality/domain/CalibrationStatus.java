package mes.quality.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * A gauge's standing (ISO 9001 7.1.5) from its newest calibration: never calibrated, out of
 * tolerance (the newest calibration failed: do not use), due (within the warning period before
 * the due date), overdue (past it), or valid.
 */
public record CalibrationStatus(Status status, Instant lastGood, Instant dueAt) {

    public enum Status {
        OUT_OF_TOLERANCE("out of tolerance: do not use"), NEVER_CALIBRATED("never calibrated"), OVERDUE("overdue"), DUE("due soon"),
        VALID("valid");

        public final String label;

        Status(String label) {
            this.label = label;
        }
    }

    /**
     * @param newestAt when the newest calibration was made, or null
     * @param newestPassed whether it found the gauge in tolerance
     */
    public static CalibrationStatus of(Instant newestAt, boolean newestPassed, int intervalDays, Instant now, Duration warning) {
        if (newestAt == null) {
            return new CalibrationStatus(Status.NEVER_CALIBRATED, null, null);
        }
        if (!newestPassed) {
            return new CalibrationStatus(Status.OUT_OF_TOLERANCE, null, null);
        }
        Instant due = newestAt.plus(Duration.ofDays(intervalDays));
        Status s = now.isAfter(due) ? Status.OVERDUE : now.isAfter(due.minus(warning)) ? Status.DUE : Status.VALID;
        return new CalibrationStatus(s, newestAt, due);
    }

    /** Whether an inspection made with the gauge now is flagged: its calibration is not valid. */
    public boolean flagsInspection() {
        return status == Status.NEVER_CALIBRATED || status == Status.OVERDUE;
    }

    /** Whether the gauge must not be used at all. */
    public boolean refusesInspection() {
        return status == Status.OUT_OF_TOLERANCE;
    }
}
