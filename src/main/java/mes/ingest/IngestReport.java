package mes.ingest;

import java.util.List;

/**
 * What became of a payload: how many messages were stored, how many were duplicates of
 * messages already stored, and which were rejected (and quarantined) with their reasons.
 * {@code unusable} is set when the payload as a whole could not be read.
 */
public record IngestReport(int accepted, int duplicates, List<Rejection> rejected, String unusable) {

    public record Rejection(int index, String reason) {
    }

    public static IngestReport unusable(String reason) {
        return new IngestReport(0, 0, List.of(), reason);
    }

    public boolean isUnusable() {
        return unusable != null;
    }
}
