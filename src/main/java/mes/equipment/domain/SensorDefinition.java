package mes.equipment.domain;

import java.util.regex.Pattern;

/**
 * A sensor of a machine: its unit and specification limits (lower, upper) and target.
 * Limits are optional; where both are set, LSL is below USL and the target lies between them.
 */
public record SensorDefinition(String name, String unit, Double lsl, Double usl, Double target) {

    public static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_]{0,63}$");

    public SensorDefinition {
        if (!isValidName(name)) {
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

    /**
     * Whether the name matches {@link #NAME}. Every reading of every message is checked, so this is a
     * loop over the characters, not the regular expression, which it matches exactly (EquipmentIdsTest).
     */
    public static boolean isValidName(String name) {
        if (name == null || name.isEmpty() || name.length() > 64 || name.charAt(0) < 'a' || name.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static void requireFinite(String sensor, String field, Double v) {
        if (v != null && !Double.isFinite(v)) {
            throw new IllegalArgumentException("sensor " + sensor + ": " + field + " must be a finite number");
        }
    }
}
