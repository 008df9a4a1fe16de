package mes.ingest;

import java.time.Instant;

/**
 * One payload to ingest: its bytes, where it came from, and when it was published (Pub/Sub's
 * publish time; the receive time for other sources), for the end-to-end lag. {@code redriveOf}
 * is the quarantine row this payload is re-driven from, or null.
 */
public record IngestRequest(byte[] payload, IngestSource source, Instant publishedAt, Long redriveOf) {

    public IngestRequest {
        if (payload == null || source == null || publishedAt == null) {
            throw new IllegalArgumentException("payload, source and publishedAt are required");
        }
    }

    public IngestRequest(byte[] payload, IngestSource source, Instant publishedAt) {
        this(payload, source, publishedAt, null);
    }
}
