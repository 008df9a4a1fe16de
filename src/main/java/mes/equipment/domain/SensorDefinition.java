package mes.equipment.domain;

import java.util.regex.Pattern;

/**
 * A sensor of a machine: its unit and specification limits (lower, upper) and target.
 * Limits are optional; where both are set, LSL is below USL and the target lies between them.
 */
public record SensorDefinition(String name, String unit, Double lsl, Double usl, Double target) {

    public static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_]{0,63}$");

    public SensorDefinition {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("sensor name '" + name
                    + "' is not valid: lower-case letters, digits and '_', starting with a letter, at most 64");
        }
        if (unit != null && (unit.isBlank() || unit.length() > 32)) {
            throw new IllegalArgumentException("sensor " + name + ": unit must be 1-32 characters");
        }
        requireFinite(name, "lsl", lsl);
        requireFinite(name, "usl", usl);
        requireFinite(name, "target", target);
        if (lsl != null && usl != null && lsl >= usl) {
            throw new IllegalArgumentException("sensor " + name + ": lsl " + lsl + " must be below usl " + usl);
        }
        if (target != null && ((lsl != null && target < lsl) || (usl != null && target > usl))) {
            throw new IllegalArgumentException("sensor " + name + ": target " + target + " lies outside [lsl, usl]");
        }
    }

    private static void requireFinite(String sensor, String field, Double v) {
        if (v != null && !Double.isFinite(v)) {
            throw new IllegalArgumentException("sensor " + sensor + ": " + field + " must be a finite number");
        }
    }
}
