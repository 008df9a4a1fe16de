package mes.ingest.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import mes.equipment.domain.MachineState;

/**
 * What one batch of a machine's messages says about its status, before it is merged with the
 * stored one: the newest state with its reason and ts, since when that state has held within the
 * batch (its run start), whether the batch told only that one state (then a run of the same state
 * stored before goes on), the newest message's ts, and the newest work order named. Messages
 * are judged in ts order, whatever order they arrived in.
 */
public record StatusChange(String machineId, MachineState state, String reason, Instant runStart, Instant stateTs,
        Instant lastMessageTs, String workOrder, boolean oneStateOnly) {

    /** @param messages the machine's new messages of the batch, at least one */
    public static StatusChange of(String machineId, List<SensorMessage> messages) {
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a status change needs a message");
        }
        List<SensorMessage> sorted = new ArrayList<>(messages);
        sorted.sort(Comparator.comparing(SensorMessage::ts));
        SensorMessage newest = sorted.get(sorted.size() - 1);
        List<SensorMessage> withState = sorted.stream().filter(m -> m.state() != null).toList();
        SensorMessage lastState = withState.isEmpty() ? null : withState.get(withState.size() - 1);
        Instant runStart = null;
        boolean oneState = true;
        if (lastState != null) {
            runStart = lastState.ts();
            for (int i = withState.size() - 1; i >= 0 && withState.get(i).state() == lastState.state(); i--) {
                runStart = withState.get(i).ts();
            }
            oneState = withState.stream().allMatch(m -> m.state() == lastState.state());
        }
        String workOrder = null;
        for (SensorMessage m : sorted) {
            if (m.workOrder() != null) {
                workOrder = m.workOrder();
            }
        }
        return new StatusChange(machineId, lastState == null ? null : lastState.state(), lastState == null ? null : lastState.reason(),
                runStart, lastState == null ? null : lastState.ts(), newest.ts(), workOrder, oneState);
    }
}
