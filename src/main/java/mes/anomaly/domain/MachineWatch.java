package mes.anomaly.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import mes.equipment.domain.MachineState;

/**
 * The rules of a machine rather than a sensor, checked against the clock: OFFLINE when nothing
 * was heard for longer than the heartbeat timeout; DOWN_TOO_LONG when it has been DOWN for longer
 * than the configured time. Both hold only while their condition does.
 */
public final class MachineWatch {

    private MachineWatch() {
    }

    /**
     * @param lastMessage the newest message's ts (null: never heard from; no alert)
     * @param downSince when the current DOWN began (null: not DOWN)
     * @param downAfter how long DOWN may last without an alert (null: no such alert)
     */
    public static List<Finding> check(Instant now, Instant lastMessage, Duration heartbeatTimeout, Instant downSince,
            Duration downAfter) {
        List<Finding> out = new ArrayList<>();
        if (lastMessage != null && Duration.between(lastMessage, now).compareTo(heartbeatTimeout) > 0) {
            out.add(new Finding(now, "OFFLINE", Severity.CRITICAL, Duration.between(lastMessage, now).toSeconds(),
                    "no message since " + lastMessage + " (heartbeat timeout " + heartbeatTimeout.toSeconds() + " s)"));
        } else if (downSince != null && downAfter != null && Duration.between(downSince, now).compareTo(downAfter) > 0) {
            out.add(new Finding(now, "DOWN_TOO_LONG", Severity.CRITICAL, Duration.between(downSince, now).toSeconds(),
                    MachineState.DOWN + " since " + downSince + ", longer than " + downAfter.toMinutes() + " min"));
        }
        return out;
    }
}
