package mes.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc3339Test {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            2026-11-25T10:00:00Z                | 2026-11-25T10:00:00Z
            2026-11-25T10:00:00.125Z            | 2026-11-25T10:00:00.125Z
            2026-11-25t10:00:00.1z              | 2026-11-25T10:00:00.100Z
            2026-11-25T11:00:00.000000001+01:00 | 2026-11-25T10:00:00.000000001Z
            2026-11-25T05:30:00-04:30           | 2026-11-25T10:00:00Z
            2026-11-25T10:00:00-00:00           | 2026-11-25T10:00:00Z
            2024-02-29T23:59:59+18:00           | 2024-02-29T05:59:59Z
            2000-02-29T00:00:00-18:00           | 2000-02-29T18:00:00Z
            0001-01-01T00:00:00Z                | 0001-01-01T00:00:00Z
            9999-12-31T23:59:59.999999999Z      | 9999-12-31T23:59:59.999999999Z
            +10000-01-01T00:00:00Z              | +10000-01-01T00:00:00Z
            -2026-11-25T10:00:00Z               | -2026-11-25T10:00:00Z
            """)
    void readsTheInstant(String text, String expected) {
        assertThat(Rfc3339.parse(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "2026-11-25", "2026-11-25T10:00:00", "2026-11-25T10:00:00.125", "2026-11-25T10:00Z",
        "2026-11-25 10:00:00Z", "2026-11-25T10:00:00.Z", "2026-11-25T10:00:00.1234567891Z",
        "2026-11-25T10:00:00+01", "2026-11-25T10:00:00+0100", "2026-11-25T10:00:00+01:00:00",
        "2026-11-25T10:00:00+18:01", "2026-11-25T10:00:00+19:00", "2026-11-25T10:00:00+01:60",
        "2026-13-01T10:00:00Z", "2026-00-01T10:00:00Z", "2026-11-00T10:00:00Z", "2026-11-31T10:00:00Z",
        "2025-02-29T10:00:00Z", "1900-02-29T10:00:00Z", "2026-11-25T24:00:00Z", "2026-11-25T10:60:00Z",
        "2026-11-25T10:00:60Z", "2026-1１-25T10:00:00Z", "2026-11-25T10:00:00ZZ", "2026-11-25T10:00:00z ",
        "20261-11-25T10:00:00Z"})
    void refusesWhatIsNotAnRfc3339DateTimeWithOffset(String text) {
        assertThat(Rfc3339.common(text)).isNull();
        assertThatThrownBy(() -> Rfc3339.parse(text)).isInstanceOf(DateTimeException.class);
    }

    /** java.time's default (smart) resolution moved these to another day; gateways' clocks do not mean that. */
    @Test
    void februaryThirtiethAndTwentyFourHundredAreRefusedNotMoved() {
        assertThatThrownBy(() -> Rfc3339.parse("2026-02-30T10:00:00Z")).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> Rfc3339.parse("2026-11-25T24:00:00Z")).isInstanceOf(DateTimeException.class);
    }

    /**
     * The hand-written path against the strict formatter on 200,000 strings: well-formed date-times
     * with fields drawn from beyond their ranges, and the same with one character replaced, inserted
     * or deleted. Whenever the hand-written path answers, the formatter gives the same instant;
     * whenever the formatter refuses, the hand-written path does too.
     */
    @Test
    void theHandWrittenPathAgreesWithTheFormatter() {
        Random random = new Random(20261126);
        String alphabet = "0123456789-+:.TtZz ";
        int answered = 0;
        int refused = 0;
        for (int i = 0; i < 200_000; i++) {
            String text = candidate(random);
            if (random.nextBoolean()) {
                StringBuilder b = new StringBuilder(text);
                int at = random.nextInt(b.length() + 1);
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                switch (random.nextInt(3)) {
                    case 0 -> b.insert(at, c);
                    case 1 -> { if (at < b.length()) b.setCharAt(at, c); }
                    default -> { if (at < b.length()) b.deleteCharAt(at); }
                }
                text = b.toString();
            }
            switch (agree(text)) {
                case ANSWERED -> answered++;
                case REFUSED -> refused++;
                default -> { }
            }
        }
        // both sides are exercised: many answered by hand, many refused
        assertThat(answered).isGreaterThan(50_000);
        assertThat(refused).isGreaterThan(50_000);
    }

    enum Outcome { ANSWERED, LEFT_TO_THE_FORMATTER, REFUSED }

    /**
     * The property, for one text: when the hand-written path answers, the formatter gives the same
     * instant; when the formatter refuses, the hand-written path does too; and parse() answers the
     * formatter's instant. Rfc3339FuzzTest checks it on the fuzzer's texts.
     */
    static Outcome agree(String text) {
        Instant reference;
        try {
            reference = OffsetDateTime.parse(text, Rfc3339.FORMATTER).toInstant();
        } catch (DateTimeException e) {
            reference = null;
        }
        Instant common = Rfc3339.common(text);
        if (reference == null) {
            assertThat(common).as(text).isNull();
            return Outcome.REFUSED;
        }
        assertThat(Rfc3339.parse(text)).as(text).isEqualTo(reference);
        if (common != null) {
            assertThat(common).as(text).isEqualTo(reference);
            return Outcome.ANSWERED;
        }
        return Outcome.LEFT_TO_THE_FORMATTER;
    }

    private static String candidate(Random r) {
        String offset = switch (r.nextInt(4)) {
            case 0 -> "Z";
            case 1 -> "z";
            default -> (r.nextBoolean() ? "+" : "-") + two(r.nextInt(20)) + ":" + two(r.nextInt(62));
        };
        String fraction = r.nextInt(3) == 0 ? "" : "." + "123456789012".substring(0, 1 + r.nextInt(11));
        int year = r.nextInt(10) == 0 ? r.nextInt(10_000) : 1990 + r.nextInt(60);
        return String.format("%04d-%s-%sT%s:%s:%s%s%s", year, two(r.nextInt(14)), two(r.nextInt(33)),
                two(r.nextInt(26)), two(r.nextInt(62)), two(r.nextInt(62)), fraction, offset);
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }
}
