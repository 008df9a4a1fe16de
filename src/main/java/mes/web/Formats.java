package mes.web;

import io.quarkus.qute.TemplateExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Formatting for the pages, in one place. */
@TemplateExtension
public class Formats {

    /** "42 s", "17 min", "3 h 05 min", "2 d 4 h" since the instant; "-" when unknown. */
    public static String ago(Instant since, Instant now) {
        if (since == null) {
            return "-";
        }
        long s = Math.max(0, Duration.between(since, now).getSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min";
        }
        if (s < 86_400) {
            return "%d h %02d min".formatted(s / 3600, (s % 3600) / 60);
        }
        return "%d d %d h".formatted(s / 86_400, (s % 86_400) / 3600);
    }

    private static final java.time.format.DateTimeFormatter DISPLAY =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(java.time.ZoneOffset.UTC);

    /** "2026-11-25 19:12:20 UTC". */
    static String display(Instant instant) {
        return instant == null ? "-" : DISPLAY.format(instant);
    }

    /** A measured number to 4 significant digits: "11.03", "0.2357", "4200". */
    static String sig(double v) {
        return String.format(Locale.ROOT, "%.4g", v).replaceFirst("(\\.\\d*?)0+$", "$1").replaceFirst("\\.$", "");
    }

    /** A measured quantity or a limit to 6 significant digits: "42.0125", "0.004162". */
    public static String precise(double v) {
        return String.format(Locale.ROOT, "%.6g", v).replaceFirst("(\\.\\d*?)0+$", "$1").replaceFirst("\\.$", "");
    }

    /** A share as a percentage with one decimal: "85.3 %". */
    static String pct(Double v) {
        return v == null ? null : String.format(Locale.ROOT, "%.1f %%", v * 100);
    }

    /** Hours with one decimal: "12.5". */
    static String hours(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** A capability index or ratio to two decimals: "1.33". */
    static String idx(Double v) {
        return v == null ? null : String.format(Locale.ROOT, "%.2f", v);
    }

    /** The CSS class of a machine state: "running", "planned-stop", "offline". */
    public static String css(String state) {
        return state == null ? "offline" : state.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** "PLANNED_STOP" -> "Planned stop". */
    public static String label(String state) {
        if (state == null) {
            return "Offline";
        }
        String s = state.toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
