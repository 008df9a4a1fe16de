package mes.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the Pub/Sub push envelope (Jazzer): whatever the bytes, parsing
 * either gives an envelope whose parts the pipeline can store, or refuses with a reason
 * ({@link PushEnvelope.Invalid}); nothing else is thrown. A refused envelope is quarantined with
 * the reason, so the reason is short and never empty; the message id an envelope carries becomes
 * the quarantine's delivery key, so it is bounded. See {@link DecoderFuzzTest} for how it runs.
 */
class PushEnvelopeFuzzTest {

    @FuzzTest(maxDuration = "20s")
    @DictionaryEntries({"{\"message\":{", "\"data\":", "\"attributes\":", "\"messageId\":", "\"publishTime\":",
        "\"subscription\":", "2026-11-25T10:00:00.5Z", "W3t9XQ==", "null"})
    void anyBytesParseToAStorableEnvelopeOrARefusalWithAReason(byte[] body) {
        check(body);
    }

    static void check(byte[] body) {
        try {
            PushEnvelope envelope = PushEnvelope.parse(body);
            assertThat(envelope.data()).isNotNull();
            assertThat(envelope.attributes()).isNotNull();
            if (envelope.messageId() != null) {
                assertThat(envelope.messageId()).isNotBlank().hasSizeLessThanOrEqualTo(PushEnvelope.MAX_MESSAGE_ID);
            }
        } catch (PushEnvelope.Invalid refused) {
            assertThat(refused.getMessage()).isNotBlank().hasSizeLessThan(500);
        }
    }

    /** The entry point of Jazzer's own command line, for runs longer than the build's (docs/SECURITY.md). */
    public static void fuzzerTestOneInput(byte[] body) {
        check(body);
    }
}
