package mes.ingest;

/** Where a payload came from; kept with quarantined messages. */
public enum IngestSource {
    PUBSUB, PUSH, HTTP, SIMULATOR
}
