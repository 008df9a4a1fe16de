package mes.simulator.domain;

import java.util.List;
import mes.equipment.domain.SensorDefinition;

/**
 * The kinds of machine in an automotive parts plant, with the sensors a gateway reads from
 * each, their plausible units, specification limits and targets, and an ideal cycle time.
 */
public enum MachineKind {
    CNC_MACHINING_CENTRE("CNC machining centre", "CNC", 42.0, List.of(
            new SensorDefinition("spindle_temp_c", "C", 20.0, 80.0, 55.0),
            new SensorDefinition("vibration_mm_s", "mm/s", 0.0, 7.1, 2.3),
            new SensorDefinition("spindle_load_pct", "%", 0.0, 95.0, 55.0),
            new SensorDefinition("coolant_temp_c", "C", 15.0, 35.0, 24.0))),
    STAMPING_PRESS("Stamping press", "PRS", 3.0, List.of(
            new SensorDefinition("tonnage_kn", "kN", 2000.0, 6300.0, 4200.0),
            new SensorDefinition("die_temp_c", "C", 15.0, 90.0, 45.0),
            new SensorDefinition("lube_pressure_bar", "bar", 2.0, 8.0, 5.0),
            new SensorDefinition("ram_vibration_mm_s", "mm/s", 0.0, 11.0, 4.0))),
    WELDING_CELL("Robotic welding cell", "WLD", 55.0, List.of(
            new SensorDefinition("weld_current_ka", "kA", 8.0, 14.0, 11.0),
            new SensorDefinition("weld_voltage_v", "V", 18.0, 30.0, 24.0),
            new SensorDefinition("wire_feed_m_min", "m/min", 6.0, 14.0, 10.0),
            new SensorDefinition("gas_flow_l_min", "l/min", 12.0, 20.0, 16.0))),
    INJECTION_MOULDING("Injection moulding machine", "IMM", 28.0, List.of(
            new SensorDefinition("melt_temp_c", "C", 220.0, 260.0, 240.0),
            new SensorDefinition("injection_pressure_bar", "bar", 800.0, 1400.0, 1100.0),
            new SensorDefinition("mould_temp_c", "C", 40.0, 80.0, 60.0),
            new SensorDefinition("clamp_force_kn", "kN", 1500.0, 2500.0, 2000.0))),
    ASSEMBLY_STATION("Assembly station", "ASM", 35.0, List.of(
            new SensorDefinition("press_fit_force_n", "N", 1800.0, 2600.0, 2200.0),
            new SensorDefinition("torque_nm", "Nm", 22.0, 28.0, 25.0),
            new SensorDefinition("air_pressure_bar", "bar", 5.5, 7.0, 6.2))),
    CMM_INSPECTION("CMM inspection", "CMM", 240.0, List.of(
            new SensorDefinition("probe_temp_c", "C", 19.0, 21.0, 20.0),
            new SensorDefinition("room_temp_c", "C", 18.0, 22.0, 20.0),
            new SensorDefinition("air_pressure_bar", "bar", 5.5, 7.0, 6.2)));

    private final String label;
    private final String prefix;
    private final double idealCycleTimeSeconds;
    private final List<SensorDefinition> sensors;

    MachineKind(String label, String prefix, double idealCycleTimeSeconds, List<SensorDefinition> sensors) {
        this.label = label;
        this.prefix = prefix;
        this.idealCycleTimeSeconds = idealCycleTimeSeconds;
        this.sensors = sensors;
    }

    public String label() {
        return label;
    }

    public String prefix() {
        return prefix;
    }

    public double idealCycleTimeSeconds() {
        return idealCycleTimeSeconds;
    }

    public List<SensorDefinition> sensors() {
        return sensors;
    }
}
