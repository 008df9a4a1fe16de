package mes.equipment.domain;

/** Display names of equipment: present, trimmed, at most 200 characters. */
public final class Names {

    public static final int MAX_LENGTH = 200;

    private Names() {
    }

    public static String require(String name, String of) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(of + ": name is required");
        }
        if (name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(of + ": name is longer than " + MAX_LENGTH + " characters");
        }
        return name;
    }
}
