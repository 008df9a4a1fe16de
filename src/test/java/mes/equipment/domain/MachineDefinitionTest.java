package mes.equipment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MachineDefinitionTest {

    private static MachineDefinition machine(String id, double cycle, int heartbeat, Map<String, SensorDefinition> sensors) {
        return new MachineDefinition(id, "Machine", "L1", null, cycle, heartbeat, sensors);
    }

    @Test
    void aValidMachineKeepsItsSensors() {
        SensorDefinition temp = new SensorDefinition("spindle_temp_c", "C", 20.0, 80.0, 60.0);
        assertThat(machine("CNC-07", 42.0, 60, Map.of("spindle_temp_c", temp)).sensors()).containsEntry("spindle_temp_c", temp);
    }

    @Test
    void idsFollowTheContractPattern() {
        assertThatThrownBy(() -> machine("-bad", 1, 60, Map.of())).hasMessageContaining("machine id '-bad' is not valid");
        assertThatThrownBy(() -> machine("x".repeat(65), 1, 60, Map.of())).hasMessageContaining("is not valid");
        assertThat(machine("a".repeat(64), 1, 60, Map.of()).id()).hasSize(64);
    }

    @Test
    void cycleTimeAndHeartbeatMustBePositive() {
        assertThatThrownBy(() -> machine("M1", 0, 60, Map.of())).hasMessageContaining("idealCycleTimeSeconds must be a positive");
        assertThatThrownBy(() -> machine("M1", Double.NaN, 60, Map.of())).hasMessageContaining("idealCycleTimeSeconds");
        assertThatThrownBy(() -> machine("M1", 1, 0, Map.of())).hasMessageContaining("heartbeatTimeoutSeconds must be 1-86400");
    }

    @Test
    void sensorLimitsMustBeOrderedAndHoldTheTarget() {
        assertThatThrownBy(() -> new SensorDefinition("t", "C", 80.0, 20.0, null)).hasMessageContaining("lsl 80.0 must be below usl 20.0");
        assertThatThrownBy(() -> new SensorDefinition("t", "C", 20.0, 80.0, 90.0)).hasMessageContaining("target 90.0 lies outside");
        assertThatThrownBy(() -> new SensorDefinition("Temp", "C", null, null, null)).hasMessageContaining("sensor name 'Temp' is not valid");
        assertThatThrownBy(() -> new SensorDefinition("t", "C", Double.POSITIVE_INFINITY, null, null)).hasMessageContaining("finite");
    }

    @Test
    void aSensorKeyMustMatchItsName() {
        assertThatThrownBy(() -> machine("M1", 1, 60, Map.of("a", new SensorDefinition("b", null, null, null, null))))
                .hasMessageContaining("sensor key 'a' differs from its name");
    }
}
