package mes.equipment.domain;

/**
 * The loss category of a downtime reason (contracts/maintenance.md). {@code BREAKDOWN} stops that
 * are not minor stops are failures for MTBF and MTTR.
 */
public enum LossCategory {
    BREAKDOWN("Breakdown"), MINOR_STOP("Minor stop"), SETUP("Set-up"), MATERIAL("Material"), OPERATOR("Operator"),
    QUALITY("Quality"), PLANNED("Planned"), OTHER("Other");

    private final String label;

    LossCategory(String label) {
        this.label = label;
    }

    /** The category in plain words, for the pages. */
    public String label() {
        return label;
    }
}
