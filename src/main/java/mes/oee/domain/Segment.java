package mes.oee.domain;

import mes.equipment.domain.MachineState;

/** A stretch of time in one state with one reason. */
public record Segment(Interval period, MachineState state, String reason) {
}
