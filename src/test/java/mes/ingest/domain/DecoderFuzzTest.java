package mes.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Coverage-guided fuzzing of the sensor message decoder (Jazzer). Whatever the bytes, the decoder
 * answers and never throws, and its answer keeps the promises the pipeline builds on:
 * <ul>
 * <li>a payload is either unusable with a reason, or a list of verdicts numbered 0, 1, 2 ... in
 * order, at most {@link SensorMessageDecoder#MAX_MESSAGES};</li>
 * <li>each verdict's raw bytes are what quarantine keeps and re-drives: decoded alone, an
 * object's get the same verdict (the same message, or the same reason). An element that is not
 * an object (a number, a string, a nested array) is kept as it came, and re-driven it is read as
 * a payload of its own: the first finding, {@code [[]]}, whose kept {@code []} is "an empty
 * array" when re-driven, not "not an object" (DecoderFuzzTestInputs keeps it);</li>
 * <li>a valid message written back by the encoder decodes to the same message.</li>
 * </ul>
 * In {@code ./mvnw verify} it fuzzes for a bounded time (the surefire execution "fuzz"); every
 * input that ever failed is kept under src/test/resources/mes/ingest/domain/DecoderFuzzTestInputs
 * and runs as a regression test in every build. docs/SECURITY.md has the longer run.
 */
class DecoderFuzzTest {

    private static final SensorMessageDecoder DECODER = new SensorMessageDecoder();

    @FuzzTest(maxDuration = "40s")
    @DictionaryEntries({"\"machineId\":", "\"ts\":", "\"seq\":", "\"state\":", "\"reason\":", "\"counters\":",
        "\"good\":", "\"scrap\":", "\"values\":", "\"workOrder\":", "\"RUNNING\"", "\"DOWN\"", "\"PLANNED_STOP\"",
        "2026-11-25T10:00:00.125Z", "+01:00", "1e308", "-0.0", "null", "true", "\\u0000"})
    void anyBytesGetAVerdictThatQuarantineAndRedriveCanKeep(byte[] payload) {
        check(payload);
    }

    static void check(byte[] payload) {
        DecodedPayload decoded = DECODER.decode(payload);
        assertThat(decoded).isNotNull();
        if (decoded instanceof DecodedPayload.Unusable u) {
            assertThat(u.reason()).isNotBlank().hasSizeLessThan(500);
            return;
        }
        List<Decoded> items = ((DecodedPayload.Messages) decoded).items();
        assertThat(items).hasSizeBetween(1, SensorMessageDecoder.MAX_MESSAGES);
        for (int i = 0; i < items.size(); i++) {
            Decoded item = items.get(i);
            assertThat(item.index()).isEqualTo(i);
            assertThat(item.raw()).isNotNull();
            if (item instanceof Decoded.Rejected r) {
                assertThat(r.reason()).isNotBlank().hasSizeLessThan(500);
                if (r.machineId() != null) {
                    assertThat(r.machineId()).hasSizeLessThanOrEqualTo(SensorMessageDecoder.MAX_TEXT);
                }
            }
            if (!isObject(item.raw())) {
                assertThat(item).isInstanceOf(Decoded.Rejected.class);
                continue;
            }
            Decoded alone = single(item.raw());
            if (item instanceof Decoded.Valid v) {
                assertThat(alone).as("the kept bytes of a valid message").isInstanceOf(Decoded.Valid.class);
                assertThat(((Decoded.Valid) alone).message()).isEqualTo(v.message());
                byte[] written = SensorMessageEncoder.toJson(v.message()).getBytes(StandardCharsets.UTF_8);
                Decoded again = single(written);
                assertThat(again).as("the encoder's form of a valid message").isInstanceOf(Decoded.Valid.class);
                assertThat(((Decoded.Valid) again).message()).isEqualTo(v.message());
            } else {
                assertThat(alone).as("the kept bytes of a rejected message").isInstanceOf(Decoded.Rejected.class);
                assertThat(((Decoded.Rejected) alone).reason()).isEqualTo(((Decoded.Rejected) item).reason());
            }
        }
    }

    private static boolean isObject(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8).strip();
        return text.startsWith("{");
    }

    private static Decoded single(byte[] object) {
        DecodedPayload p = DECODER.decode(object);
        assertThat(p).as("one object decoded alone").isInstanceOf(DecodedPayload.Messages.class);
        List<Decoded> items = ((DecodedPayload.Messages) p).items();
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    /** The entry point of Jazzer's own command line, for runs longer than the build's (docs/SECURITY.md). */
    public static void fuzzerTestOneInput(byte[] payload) {
        check(payload);
    }
}
