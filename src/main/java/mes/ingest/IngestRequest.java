package mes.ingest;

import java.time.Instant;

/**
 * One payload to ingest: its bytes, where it came from, and when it was published (Pub/Sub's
 * publish time; the receive time for other sources), for the end-to-end lag. {@code redriveOf}
 * is the quarantine row this payload is re-driven from, or null. {@code deliveryId} is the
 * source's identity of the payload (see {@link #delivered}), which keeps a redelivered rejected
 * payload from being quarantined twice; null where the source has none.
 */
public record IngestRequest(byte[] payload, IngestSource source, Instant publishedAt, Long redriveOf, String deliveryId) {

    public IngestRequest {
        if (payload == null || source == null || publishedAt == null) {
            throw new IllegalArgumentException("payload, source and publishedAt are required");
        }
    }

    public IngestRequest(byte[] payload, IngestSource source, Instant publishedAt) {
        this(payload, source, publishedAt, null, null);
    }

    public IngestRequest(byte[] payload, IngestSource source, Instant publishedAt, Long redriveOf) {
        this(payload, source, publishedAt, redriveOf, null);
    }

    /**
     * A delivery of a source that names its payloads: Pub/Sub's message id with its publish time,
     * which a redelivery repeats exactly. The id alone is unique only within one topic (and a
     * stand-in or emulator starts counting at 1 again); with the publish time two different
     * messages cannot share a key. Null where there is no id.
     */
    public static IngestRequest delivered(byte[] payload, IngestSource source, Instant publishedAt, String messageId) {
        return new IngestRequest(payload, source, publishedAt, null,
                messageId == null || messageId.isBlank() ? null : messageId + "@" + publishedAt);
    }
}
