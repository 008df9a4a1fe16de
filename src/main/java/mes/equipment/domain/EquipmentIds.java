package mes.equipment.domain;

import java.util.regex.Pattern;

/**
 * The plant's codes for sites, areas, lines and machines (the contract's machineId pattern). Every
 * sensor message's machineId is checked, so {@link #isValid} is a loop over the characters, not
 * the regular expression, which it matches exactly (EquipmentIdsTest).
 */
public final class EquipmentIds {

    public static final Pattern PATTERN = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$");

    private EquipmentIds() {
    }

    public static boolean isValid(String id) {
        if (id == null || id.isEmpty() || id.length() > 64 || !letterOrDigit(id.charAt(0))) {
            return false;
        }
        for (int i = 1; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!letterOrDigit(c) && c != '_' && c != '.' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean letterOrDigit(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
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
