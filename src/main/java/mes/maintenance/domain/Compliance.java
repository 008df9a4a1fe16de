package mes.maintenance.domain;

import java.time.Instant;
import java.util.List;

/**
 * PM compliance of a period (contracts/maintenance.md): the tasks completed within their tolerance
 * over the tasks that fell due in the period. A task that fell due and is not done yet counts
 * against the period until it is done; this says how many are late already and how many still
 * have time.
 *
 * @param compliance completedInTolerance / fellDue, null when nothing fell due
 */
public record Compliance(int fellDue, int completedInTolerance, int completedLate, int openOverdue, int openInTolerance,
        Double compliance) {

    /** One task: when it fell due, whether it is done, and whether within its tolerance (done, or not overdue yet). */
    public record Task(Instant dueSince, boolean done, boolean withinTolerance) {
    }

    public static Compliance of(List<Task> tasks, Instant from, Instant to) {
        int due = 0;
        int inTolerance = 0;
        int late = 0;
        int overdue = 0;
        int open = 0;
        for (Task t : tasks) {
            if (t.dueSince().isBefore(from) || !t.dueSince().isBefore(to)) {
                continue;
            }
            due++;
            if (t.done()) {
                if (t.withinTolerance()) {
                    inTolerance++;
                } else {
                    late++;
                }
            } else if (t.withinTolerance()) {
                open++;
            } else {
                overdue++;
            }
        }
        return new Compliance(due, inTolerance, late, overdue, open, due == 0 ? null : (double) inTolerance / due);
    }
}
