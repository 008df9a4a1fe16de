package mes.equipment.domain;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A machine as the administrator registers it: where it stands, how fast it should run, its
 * sensors, and when it was commissioned (null: the earliest ts of its messages; time before it is
 * not planned, contracts/oee.md).
 */
public record MachineDefinition(
        String id,
        String name,
        String lineId,
        String kind,
        double idealCycleTimeSeconds,
        int heartbeatTimeoutSeconds,
        int microStopSeconds,
        Map<String, SensorDefinition> sensors,
        Instant commissionedAt) {

    public static final int DEFAULT_HEARTBEAT_TIMEOUT_SECONDS = 60;
    public static final int MAX_SENSORS = 256;
    /** A stop shorter than this is a minor stop (contracts/maintenance.md). */
    public static final int DEFAULT_MICRO_STOP_SECONDS = 120;

    /** A machine with the default micro-stop threshold. */
    public MachineDefinition(String id, String name, String lineId, String kind, double idealCycleTimeSeconds,
            int heartbeatTimeoutSeconds, Map<String, SensorDefinition> sensors) {
        this(id, name, lineId, kind, idealCycleTimeSeconds, heartbeatTimeoutSeconds, DEFAULT_MICRO_STOP_SECONDS, sensors, null);
    }

    /** A machine commissioned by its first message. */
    public MachineDefinition(String id, String name, String lineId, String kind, double idealCycleTimeSeconds,
            int heartbeatTimeoutSeconds, int microStopSeconds, Map<String, SensorDefinition> sensors) {
        this(id, name, lineId, kind, idealCycleTimeSeconds, heartbeatTimeoutSeconds, microStopSeconds, sensors, null);
    }

    public MachineDefinition {
        EquipmentIds.require(id, "machine");
        EquipmentIds.require(lineId, "line");
        Names.require(name, "machine " + id);
        if (!(idealCycleTimeSeconds > 0) || !Double.isFinite(idealCycleTimeSeconds)) {
            throw new IllegalArgumentException("machine " + id + ": idealCycleTimeSeconds must be a positive number");
        }
        if (heartbeatTimeoutSeconds < 1 || heartbeatTimeoutSeconds > 86_400) {
            throw new IllegalArgumentException("machine " + id + ": heartbeatTimeoutSeconds must be 1-86400");
        }
        if (microStopSeconds < 0 || microStopSeconds > 86_400) {
            throw new IllegalArgumentException("machine " + id + ": microStopSeconds must be 0-86400");
        }
        sensors = sensors == null ? Map.of() : Map.copyOf(new TreeMap<>(sensors));
        if (sensors.size() > MAX_SENSORS) {
            throw new IllegalArgumentException("machine " + id + ": at most " + MAX_SENSORS + " sensors");
        }
        sensors.forEach((key, sensor) -> {
            if (!key.equals(sensor.name())) {
                throw new IllegalArgumentException("machine " + id + ": sensor key '" + key + "' differs from its name");
            }
        });
    }
}
