package mes.maintenance.domain;

import java.time.Instant;
import java.util.List;
import mes.kernel.Refusal;

/**
 * A maintenance work order made when a plan fell due: open, assigned, in progress, done (with
 * notes, time spent and parts used). A done order is evidence: the database refuses to change it.
 *
 * @param dueSince when the plan's measure reached N (from the facts)
 * @param measureAtDone the plan's measure since the last completion when this one was done
 */
public record MaintenanceOrder(long id, long planId, String machineId, Status status, Instant dueSince, Instant createdAt,
        String assignee, Instant startedAt, Instant doneAt, String doneBy, String notes, Integer minutesSpent, List<PartUsed> parts,
        Double measureAtDone, Boolean withinTolerance) {

    public enum Status { OPEN, ASSIGNED, IN_PROGRESS, DONE }

    /** A spare part or material used, as the technician names it. */
    public record PartUsed(String name, int quantity) {
    }

    /** Who may be given the order: anyone while it is not done. */
    public void checkAssignable() {
        if (status == Status.DONE) {
            throw Refusal.conflict("Maintenance order " + id + " is done");
        }
    }

    /** Work starts on an open or assigned order. */
    public void checkStartable() {
        if (status == Status.IN_PROGRESS) {
            throw Refusal.conflict("Maintenance order " + id + " is in progress already (since " + startedAt + ", " + assignee + ")");
        }
        checkAssignable();
    }

    /** Only work in progress can be completed. */
    public void checkCompletable() {
        if (status != Status.IN_PROGRESS) {
            throw Refusal.conflict("Maintenance order " + id + " is " + status + ": start the work before completing it");
        }
    }
}
