package mes.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import mes.web.problem.ProblemException;

/** Query and form parameters of the API and the pages, read the same way everywhere. */
public final class Params {

    private Params() {
    }

    /** The trimmed value, or null when absent or blank. */
    public static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** An optional RFC 3339 timestamp: null when absent, 400 when it is not one. */
    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " '" + value + "' is not an RFC 3339 timestamp");
        }
    }
}
