package mes.maintenance.domain;

/** What makes a preventive maintenance plan fall due (contracts/maintenance.md), with the unit of N. */
public enum PlanTrigger {
    /** Every N days of the calendar. */
    DAYS("days"),
    /** Every N hours in RUNNING, inside the shift calendar or not. */
    RUN_HOURS("run hours"),
    /** Every N cycles: counter increments, good plus scrap. */
    CYCLES("cycles");

    private final String unit;

    PlanTrigger(String unit) {
        this.unit = unit;
    }

    public String unit() {
        return unit;
    }
}
