package mes.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Coverage-guided fuzzing of the hand-written RFC 3339 path (Jazzer): for any text, it answers
 * the same instant as java.time's strict formatter, or leaves the text to it (null) exactly when
 * the formatter does not give that instant. {@code Rfc3339Test} does the same over random
 * date-times; this finds the shapes nobody thought of. See {@link DecoderFuzzTest} for how it runs.
 */
class Rfc3339FuzzTest {

    @FuzzTest(maxDuration = "15s")
    @DictionaryEntries({"2026-11-25T10:00:00.125Z", "2024-02-29T23:59:59+18:00", "-00:00", "+14:30", "t", "z", ".123456789"})
    void theHandWrittenPathGivesTheFormattersInstantOrLeavesTheTextToIt(byte[] bytes) {
        check(bytes);
    }

    static void check(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        Instant reference;
        try {
            reference = OffsetDateTime.parse(text, Rfc3339.FORMATTER).toInstant();
        } catch (DateTimeException e) {
            reference = null;
        }
        Instant common = Rfc3339.common(text);
        if (common != null) {
            assertThat(common).as(text).isEqualTo(reference);
        }
        if (reference == null) {
            assertThat(common).as(text).isNull();
        }
    }

    /** The entry point of Jazzer's own command line, for runs longer than the build's (bench/fuzz). */
    public static void fuzzerTestOneInput(byte[] bytes) {
        check(bytes);
    }
}
