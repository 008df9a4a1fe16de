package mes.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import mes.kernel.Refusal;

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
            throw Refusal.invalid(name + " '" + value + "' is not an RFC 3339 timestamp");
        }
    }

    /** A window [from, to) of required RFC 3339 timestamps, from before to. */
    public record Window(Instant from, Instant to) {
    }

    /** The window of the API's {@code from} and {@code to}: 400 when either is missing or not RFC 3339, or from is not before to. */
    public static Window window(String from, String to) {
        if (blankToNull(from) == null || blankToNull(to) == null) {
            throw Refusal.invalid("from and to are required (RFC 3339)");
        }
        Instant a = instant("from", from);
        Instant b = instant("to", to);
        if (!a.isBefore(b)) {
            throw Refusal.invalid("from must be before to");
        }
        return new Window(a, b);
    }

    /** A required whole number of a form: 400 when absent or not one. */
    public static int integer(String name, String value) {
        if (value == null || value.isBlank()) {
            throw Refusal.invalid(name + " is required");
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw Refusal.invalid(name + " '" + value.trim() + "' is not a whole number");
        }
    }

    /** An optional whole number of a form: null when blank, 400 when not one. */
    public static Integer optionalInteger(String name, String value) {
        return value == null || value.isBlank() ? null : integer(name, value);
    }

    /** A datetime-local field of a page, read as UTC (the pages show UTC); an RFC 3339 timestamp is taken too. */
    public static Instant localUtc(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return java.time.LocalDateTime.parse(value.trim()).toInstant(java.time.ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return instant(name, value);
        }
    }

    /** A required calendar date YYYY-MM-DD (a form's date field, or JSON): 400 when absent or not one. */
    public static java.time.LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            throw Refusal.invalid(name + " is required (YYYY-MM-DD)");
        }
        try {
            return java.time.LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw Refusal.invalid(name + " must be a date YYYY-MM-DD: '" + value.trim() + "'");
        }
    }

    /** An optional decimal number of a form: null when blank, 400 when not a finite number. */
    public static Double optionalNumber(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            double d = Double.parseDouble(value.trim().replace(',', '.'));
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw Refusal.invalid(name + " '" + value.trim() + "' is not a number");
        }
    }
}
