package mes.equipment.domain;

import java.util.List;

/**
 * The ISA-95 equipment hierarchy as the equipment feature publishes it: site, area, line, machine
 * and its sensors. Other features read these values from {@code EquipmentService}; its tables and
 * entities stay inside the feature.
 */
public final class Hierarchy {

    private Hierarchy() {
    }

    public record Site(String id, String name, String timeZone) {
    }

    public record Area(String id, String name, String siteId) {
    }

    public record Line(String id, String name, String areaId) {
    }

    /** A sensor of a machine; {@code defined} false once it was left out of the machine's definition (its readings stay). */
    public record Sensor(String name, String unit, Double lsl, Double usl, Double target, boolean defined) {
    }

    /** A machine on its line, with its sensors by name. */
    public record Machine(String id, String name, String lineId, String kind, double idealCycleTimeSeconds, int heartbeatTimeoutSeconds,
            int microStopSeconds, List<Sensor> sensors, java.time.Instant commissionedAt) {

        public Machine {
            sensors = List.copyOf(sensors);
        }
    }
}
