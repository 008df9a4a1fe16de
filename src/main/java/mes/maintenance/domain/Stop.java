package mes.maintenance.domain;

import mes.equipment.domain.LossCategory;
import mes.oee.domain.Interval;

/**
 * A stop of a machine (contracts/maintenance.md): a maximal interval in DOWN, whatever the reasons
 * inside it, with the reason in effect at its start (an operator's entry winning). {@code ongoing}
 * when it had not ended when the figures were taken; its period then ends at that moment.
 */
public record Stop(Interval period, String reason, boolean ongoing) {

    /** How the contract classes a stop. */
    public enum Kind { MINOR_STOP, FAILURE, OTHER }

    public double seconds() {
        return period.seconds();
    }

    /**
     * A stop shorter than the machine's micro-stop threshold is a minor stop whatever its reason;
     * otherwise a failure when its reason's category is BREAKDOWN (unclassified codes included).
     */
    public Kind kind(LossCategory category, int microStopSeconds) {
        if (seconds() < microStopSeconds) {
            return Kind.MINOR_STOP;
        }
        return category == LossCategory.BREAKDOWN ? Kind.FAILURE : Kind.OTHER;
    }
}
