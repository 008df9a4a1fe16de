package mes.ingest.domain;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;

/**
 * RFC 3339 date-times with an offset, as the sensor message contract requires:
 * {@code 2026-11-25T10:00:00.125Z}, {@code 2026-11-25T11:00:00+01:00}. Every message of every
 * gateway carries one, and java.time's formatter took about 600 ns for it, a fifth of the whole
 * message's decode (docs/PERFORMANCE.md), so the shape gateways send is read here by hand (32 ns):
 * a four-digit year, seconds, a fraction of up to nine digits, Z or {@code ±HH:MM}. Anything else,
 * valid or not, goes to the formatter, which accepts exactly what the hand-written path does and
 * more (years before 0 or after 9999), and explains what is wrong. Both are strict: February 30 and 24:00 are
 * refused, not moved to another day. {@code Rfc3339Test} holds the two to the same answers.
 */
public final class Rfc3339 {

    /** The reference and the fallback: RFC 3339 with an offset, strictly resolved. */
    static final DateTimeFormatter FORMATTER = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2).appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .appendOffset("+HH:MM", "Z")
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);

    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private Rfc3339() {
    }

    /** @throws DateTimeException when the text is not an RFC 3339 date-time with an offset */
    public static Instant parse(String text) {
        Instant instant = common(text);
        return instant != null ? instant : OffsetDateTime.parse(text, FORMATTER).toInstant();
    }

    /**
     * The common shape, {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±HH:MM)} with every field in range;
     * null for anything else.
     */
    static Instant common(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || (s.charAt(10) | 0x20) != 't'
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = number(s, 0, 4);
        int month = number(s, 5, 2);
        int day = number(s, 8, 2);
        int hour = number(s, 11, 2);
        int minute = number(s, 14, 2);
        int second = number(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > length(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 10 && isDigit(s.charAt(i))) {
                i++;
            }
            int digits = i - start;
            if (digits < 1 || digits > 9) {
                return null;
            }
            nanos = number(s, start, digits) * POWERS[9 - digits];
        }
        if (i >= n) {
            return null;
        }
        int offset;
        char c = s.charAt(i);
        if ((c | 0x20) == 'z' && i + 1 == n) {
            offset = 0;
        } else if ((c == '+' || c == '-') && i + 6 == n && s.charAt(i + 3) == ':') {
            int offsetHours = number(s, i + 1, 2);
            int offsetMinutes = number(s, i + 4, 2);
            if (offsetHours < 0 || offsetMinutes < 0 || offsetMinutes > 59 || offsetHours > 18
                    || offsetHours == 18 && offsetMinutes > 0) {
                return null;
            }
            offset = (c == '-' ? -1 : 1) * (offsetHours * 3_600 + offsetMinutes * 60);
        } else {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600 + minute * 60 + second - offset, nanos);
    }

    /** The decimal number of {@code count} ASCII digits from {@code from}, or -1. */
    private static int number(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int length(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }
}
