package mes.anomaly.domain;

/** A sensor as the detectors need it. */
public record SensorMeta(int sensorId, String machineId, String name, String unit, Double lsl, Double usl,
        DetectionSettings stored, Baseline baseline) {

    public DetectionSettings effective() {
        return (stored == null ? DetectionSettings.NONE_SET : stored).withDefaults(lsl, usl);
    }
}
