package mes.production.domain;

/** ISA-95 job order states. CLOSED and ABORTED are final. */
public enum WorkOrderState {
    PLANNED, RELEASED, RUNNING, HELD, COMPLETED, CLOSED, ABORTED;

    public boolean isFinal() {
        return this == CLOSED || this == ABORTED;
    }

    /** While the order may still make parts (lots open, material consumed, corrections made). */
    public boolean isActive() {
        return this == RUNNING || this == HELD;
    }
}
