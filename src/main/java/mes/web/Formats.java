package mes.web;

import io.quarkus.qute.TemplateExtension;
import io.quarkus.qute.TemplateExtension.TemplateAttribute;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Formatting for the pages, in one place: times in the page's time zone and labelled with it,
 * numbers with the page's decimal separator. The page's locale and zone are the template
 * instance's attributes ({@link PageLocale}); without them (a report rendered outside a request
 * that set none) English and UTC.
 */
@TemplateExtension
public class Formats {

    private static final ZoneId UTC = ZoneId.of("UTC");

    /** "42 s", "17 min", "3 h 05 min", "2 d 4 h" ("2 T 4 h" in German) since the instant; "-" when unknown. */
    public static String ago(Instant since, Instant now, @TemplateAttribute("locale") Object locale) {
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
        String day = "de".equals(locale(locale).getLanguage()) ? "T" : "d";
        return "%d %s %d h".formatted(s / 86_400, day, (s % 86_400) / 3600);
    }

    /** "2026-11-25 20:12:20 CET" in English, "25.11.2026 20:12:20 MEZ" in German: the page's zone, named. */
    static String display(Instant instant, @TemplateAttribute("locale") Object locale, @TemplateAttribute(PageLocale.ZONE) Object zone) {
        return instant == null ? "-" : dateTime(locale(locale)).withZone(zone(zone)).format(instant);
    }

    /** "25.11.2026" or "2026-11-25": a date as the page's language writes it. */
    static String display(LocalDate date, @TemplateAttribute("locale") Object locale) {
        return date == null ? "-" : date(locale(locale)).format(date);
    }

    /** The short name of the page's time zone now ("MEZ", "CET", "UTC"), for labels of time inputs and columns. */
    public static String zoneName(Instant now, @TemplateAttribute("locale") Object locale, @TemplateAttribute(PageLocale.ZONE) Object zone) {
        return DateTimeFormatter.ofPattern("zzz", locale(locale)).withZone(zone(zone)).format(now);
    }

    /** "20:12:20 MEZ": the time of day in the page's zone, named. */
    static String clock(Instant instant, @TemplateAttribute("locale") Object locale, @TemplateAttribute(PageLocale.ZONE) Object zone) {
        return instant == null ? "-" : DateTimeFormatter.ofPattern("HH:mm:ss zzz", locale(locale)).withZone(zone(zone)).format(instant);
    }

    /** A measured number to 4 significant digits: "11.03" ("11,03"), "0.2357", "4200". */
    static String sig(double v, @TemplateAttribute("locale") Object locale) {
        return trimmed(String.format(Locale.ROOT, "%.4g", v), locale(locale));
    }

    /** A measured quantity or a limit to 6 significant digits: "42.0125", "0.004162". */
    public static String precise(double v, @TemplateAttribute("locale") Object locale) {
        return trimmed(String.format(Locale.ROOT, "%.6g", v), locale(locale));
    }

    /** The same with a decimal point, for machine-readable text (chart coordinates' titles, CSV). */
    public static String plainPrecise(double v) {
        return trimmed(String.format(Locale.ROOT, "%.6g", v), Locale.ROOT);
    }

    /** A share as a percentage with one decimal: "85.3 %" ("85,3 %"). */
    static String pct(Double v, @TemplateAttribute("locale") Object locale) {
        return v == null ? null : String.format(locale(locale), "%.1f %%", v * 100);
    }

    /** Hours with one decimal: "12.5" ("12,5"). */
    static String hours(double v, @TemplateAttribute("locale") Object locale) {
        return String.format(locale(locale), "%.1f", v);
    }

    /** A capability index or ratio to two decimals: "1.33" ("1,33"). */
    static String idx(Double v, @TemplateAttribute("locale") Object locale) {
        return v == null ? null : String.format(locale(locale), "%.2f", v);
    }

    /** The CSS class of a machine state: "running", "planned-stop", "offline". */
    public static String css(String state) {
        return state == null ? "offline" : state.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** "PLANNED_STOP" -> "Planned stop" (English; pages use the message bundles' names). */
    public static String label(String state) {
        if (state == null) {
            return "Offline";
        }
        String s = state.toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** "12.50" formatted with %g, its trailing zeros cut, in the locale's decimal separator. */
    private static String trimmed(String rootFormatted, Locale locale) {
        String s = rootFormatted.replaceFirst("(\\.\\d*?)0+$", "$1").replaceFirst("\\.$", "");
        char sep = DecimalFormatSymbols.getInstance(locale).getDecimalSeparator();
        return sep == '.' ? s : s.replace('.', sep);
    }

    private static DateTimeFormatter dateTime(Locale locale) {
        return DateTimeFormatter.ofPattern("de".equals(locale.getLanguage()) ? "dd.MM.yyyy HH:mm:ss zzz" : "yyyy-MM-dd HH:mm:ss zzz", locale);
    }

    private static DateTimeFormatter date(Locale locale) {
        return DateTimeFormatter.ofPattern("de".equals(locale.getLanguage()) ? "dd.MM.yyyy" : "yyyy-MM-dd", locale);
    }

    static Locale locale(Object attribute) {
        if (attribute instanceof Locale l) {
            return l;
        }
        return attribute == null ? Locale.ENGLISH : Locale.forLanguageTag(attribute.toString());
    }

    static ZoneId zone(Object attribute) {
        return attribute instanceof ZoneId z ? z : UTC;
    }
}
