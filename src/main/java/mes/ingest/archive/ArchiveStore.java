package mes.ingest.archive;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where exported raw data and compliance reports go: a Cloud Storage bucket in prod, a local
 * folder in dev and test.
 */
public interface ArchiveStore {

    /** An object as stored: its size and the SHA-256 recorded with it. */
    record Stored(String name, long size, String sha256) {
    }

    /** Stores the file under the name (replacing an earlier upload of the same name), recording its SHA-256. */
    void put(String name, Path file, String contentType, String sha256) throws IOException;

    /** The object, if it is there. */
    Optional<Stored> stat(String name) throws IOException;

    /** The object's bytes, if it is there (reports read back for download and verification). */
    Optional<byte[]> read(String name) throws IOException;

    /** Where this store puts things, for logs and the database row. */
    String location(String name);
}
