package mes.equipment.domain;

/**
 * The states of a machine. The first five are sent by machines; {@link #OFFLINE} is derived
 * by the system from the heartbeat timeout and never sent.
 */
public enum MachineState {
    RUNNING, IDLE, SETUP, DOWN, PLANNED_STOP, OFFLINE;

    /** True for the states a machine may report in a message. */
    public boolean isReportable() {
        return this != OFFLINE;
    }
}
