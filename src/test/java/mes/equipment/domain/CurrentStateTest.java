package mes.equipment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CurrentStateTest {

    private final Instant t0 = Instant.parse("2026-11-25T10:00:00Z");
    private final Duration heartbeat = Duration.ofSeconds(60);

    @Test
    void aMachineThatReportedRecentlyIsInItsReportedState() {
        CurrentState s = CurrentState.of(MachineState.DOWN, "JAM", t0, t0.plusSeconds(30), heartbeat, t0.plusSeconds(60));
        assertThat(s).isEqualTo(new CurrentState(MachineState.DOWN, "JAM", t0));
    }

    @Test
    void aMachineSilentLongerThanItsHeartbeatIsOfflineFromLastMessagePlusTimeout() {
        Instant last = t0.plusSeconds(30);
        CurrentState s = CurrentState.of(MachineState.RUNNING, null, t0, last, heartbeat, last.plusSeconds(61));
        assertThat(s).isEqualTo(new CurrentState(MachineState.OFFLINE, null, last.plusSeconds(60)));
    }

    @Test
    void exactlyAtTheTimeoutTheMachineIsStillInItsState() {
        CurrentState s = CurrentState.of(MachineState.RUNNING, null, t0, t0, heartbeat, t0.plusSeconds(60));
        assertThat(s.state()).isEqualTo(MachineState.RUNNING);
    }

    @Test
    void aMachineThatNeverReportedAStateIsOfflineSinceUnknown() {
        assertThat(CurrentState.of(null, null, null, null, heartbeat, t0))
                .isEqualTo(new CurrentState(MachineState.OFFLINE, null, null));
        assertThat(CurrentState.of(null, null, null, t0, heartbeat, t0.plusSeconds(1)).state())
                .isEqualTo(MachineState.OFFLINE);
    }
}
