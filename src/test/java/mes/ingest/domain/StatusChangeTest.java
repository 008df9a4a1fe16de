package mes.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import mes.equipment.domain.MachineState;
import org.junit.jupiter.api.Test;

/** A batch's word on a machine's status: the newest state, its run start within the batch, in ts order. */
class StatusChangeTest {

    private static final Instant T = Instant.parse("2026-12-04T06:00:00Z");

    private static SensorMessage state(int second, MachineState s, String reason, String order) {
        return new SensorMessage("M1", T.plusSeconds(second), null, s, reason, null, Map.of(), order);
    }

    private static SensorMessage values(int second) {
        return new SensorMessage("M1", T.plusSeconds(second), null, null, null, null, Map.of("temp", 20.0), null);
    }

    @Test
    void theRunStartsAtTheFirstOfTheNewestStatesUnbrokenRunWhateverTheArrivalOrder() {
        StatusChange c = StatusChange.of("M1", List.of(state(30, MachineState.RUNNING, null, null), state(10, MachineState.DOWN, "JAM", "WO-1"),
                values(40), state(20, MachineState.RUNNING, null, "WO-2")));
        assertThat(c.state()).isEqualTo(MachineState.RUNNING);
        assertThat(c.runStart()).isEqualTo(T.plusSeconds(20));
        assertThat(c.stateTs()).isEqualTo(T.plusSeconds(30));
        assertThat(c.lastMessageTs()).isEqualTo(T.plusSeconds(40));
        assertThat(c.workOrder()).isEqualTo("WO-2");
        assertThat(c.oneStateOnly()).isFalse();
    }

    @Test
    void oneStateOnlyLetsAStoredRunGoOnAndNoStateSaysNothingOfIt() {
        StatusChange same = StatusChange.of("M1", List.of(state(5, MachineState.DOWN, "JAM", null), state(9, MachineState.DOWN, "JAM", null)));
        assertThat(same.oneStateOnly()).isTrue();
        assertThat(same.runStart()).isEqualTo(T.plusSeconds(5));
        assertThat(same.reason()).isEqualTo("JAM");

        StatusChange none = StatusChange.of("M1", List.of(values(3), values(1)));
        assertThat(none.state()).isNull();
        assertThat(none.runStart()).isNull();
        assertThat(none.stateTs()).isNull();
        assertThat(none.lastMessageTs()).isEqualTo(T.plusSeconds(3));
        assertThat(none.oneStateOnly()).isTrue();
    }
}
