package mes.ingest.domain;

import java.time.Instant;
import java.util.Map;
import mes.equipment.domain.MachineState;

/**
 * One message of contracts/sensor-message.md, version 1, after validation.
 * {@code (machineId, ts)} identifies it.
 *
 * @param seq the gateway's sequence number, or null
 * @param state the reported state, or null
 * @param counters the cumulative counters, or null
 * @param values sensor readings by name (possibly empty)
 */
public record SensorMessage(String machineId, Instant ts, Long seq, MachineState state, String reason,
        Counters counters, Map<String, Double> values, String workOrder) {

    public SensorMessage {
        if (machineId == null || ts == null) {
            throw new IllegalArgumentException("machineId and ts are required");
        }
        if (state == MachineState.OFFLINE) {
            throw new IllegalArgumentException("OFFLINE is derived by the system and never sent");
        }
        values = values == null ? Map.of() : values;
        if (state == null && counters == null && values.isEmpty()) {
            throw new IllegalArgumentException("at least one of state, counters, values is required");
        }
    }

    /** The PLC's cumulative part counters; either may be absent (null). */
    public record Counters(Long good, Long scrap) {
        public Counters {
            if (good == null && scrap == null) {
                throw new IllegalArgumentException("counters holds neither good nor scrap");
            }
            if ((good != null && good < 0) || (scrap != null && scrap < 0)) {
                throw new IllegalArgumentException("counters must not be negative");
            }
        }
    }
}
