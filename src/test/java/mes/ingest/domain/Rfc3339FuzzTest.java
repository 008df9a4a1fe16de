package mes.ingest.domain;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of the hand-written RFC 3339 path (Jazzer): for any text, it answers
 * the same instant as java.time's strict formatter, or leaves the text to it (null); when the
 * formatter refuses, so does it ({@code Rfc3339Test.agree}, which the test there checks over
 * generated date-times). This finds the shapes nobody thought of. See {@link DecoderFuzzTest}
 * for how it runs.
 */
class Rfc3339FuzzTest {

    @FuzzTest(maxDuration = "15s")
    @DictionaryEntries({"2026-11-25T10:00:00.125Z", "2024-02-29T23:59:59+18:00", "-00:00", "+14:30", "t", "z", ".123456789"})
    void theHandWrittenPathGivesTheFormattersInstantOrLeavesTheTextToIt(byte[] bytes) {
        check(bytes);
    }

    static void check(byte[] bytes) {
        Rfc3339Test.agree(new String(bytes, StandardCharsets.UTF_8));
    }

    /** The entry point of Jazzer's own command line, for runs longer than the build's (bench/fuzz). */
    public static void fuzzerTestOneInput(byte[] bytes) {
        check(bytes);
    }
}
