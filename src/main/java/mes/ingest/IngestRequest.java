package mes.ingest;

/**
 * One payload to ingest: its bytes, where it came from, and when it was published (Pub/Sub's
 * publish time; the receive time for other sources), for the end-to-end lag.
 */
public record IngestRequest(byte[] payload, IngestSource source, java.time.Instant publishedAt) {
    public IngestRequest {
        if (payload == null || source == null || publishedAt == null) {
            throw new IllegalArgumentException("payload, source and publishedAt are required");
        }
    }
}
