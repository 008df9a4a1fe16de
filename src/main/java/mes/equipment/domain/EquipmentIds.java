package mes.equipment.domain;

import java.util.regex.Pattern;

/** The plant's codes for sites, areas, lines and machines (the contract's machineId pattern). */
public final class EquipmentIds {

    public static final Pattern PATTERN = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$");

    private EquipmentIds() {
    }

    public static boolean isValid(String id) {
        return id != null && PATTERN.matcher(id).matches();
    }

    /** Answers the id, or throws with a message that names what is wrong with it. */
    public static String require(String id, String what) {
        if (!isValid(id)) {
            throw new IllegalArgumentException(what + " id '" + id
                    + "' is not valid: 1-64 characters, letters, digits, '_', '.', '-', starting with a letter or digit");
        }
        return id;
    }
}
