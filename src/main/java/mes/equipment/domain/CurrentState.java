package mes.equipment.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * What a machine is doing now, as the live pages show it: the newest reported state, or
 * {@link MachineState#OFFLINE} once nothing has arrived for longer than the heartbeat timeout
 * (from the last message's ts plus the timeout), or before the first state message.
 *
 * @param since when this state began; null when the machine has never reported a state
 */
public record CurrentState(MachineState state, String reason, Instant since) {

    public static CurrentState of(MachineState reported, String reason, Instant reportedSince,
            Instant lastMessage, Duration heartbeatTimeout, Instant now) {
        if (lastMessage != null) {
            Instant silentFrom = lastMessage.plus(heartbeatTimeout);
            if (now.isAfter(silentFrom)) {
                return new CurrentState(MachineState.OFFLINE, null, silentFrom);
            }
        }
        if (reported == null) {
            return new CurrentState(MachineState.OFFLINE, null, null);
        }
        return new CurrentState(reported, reason, reportedSince);
    }
}
