package mes.oee.domain;

import java.time.Instant;
import mes.equipment.domain.MachineState;

/** A reported state: it holds from {@code ts} until the machine's next state event. */
public record StateEvent(Instant ts, MachineState state, String reason) {
}
