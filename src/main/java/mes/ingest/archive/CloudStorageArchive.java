package mes.ingest.archive;

import com.google.cloud.WriteChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The archive in a Cloud Storage bucket (prod), through the google-cloud-storage client. The
 * SHA-256 is kept in the object's metadata; lifecycle rules of the bucket move old objects to
 * colder classes (terraform/storage.tf).
 */
public final class CloudStorageArchive implements ArchiveStore {

    static final String SHA256 = "sha256";
    private final Storage storage;
    private final String bucket;
    private final String prefix;

    public CloudStorageArchive(Storage storage, String bucket, String prefix) {
        this.storage = storage;
        this.bucket = bucket;
        this.prefix = prefix == null || prefix.isEmpty() ? "" : prefix.endsWith("/") ? prefix : prefix + "/";
    }

    @Override
    public void put(String name, Path file, String contentType, String sha256) throws IOException {
        BlobInfo info = BlobInfo.newBuilder(BlobId.of(bucket, prefix + name)).setContentType(contentType)
                .setMetadata(Map.of(SHA256, sha256)).build();
        try (WriteChannel out = storage.writer(info); InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 20];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
            }
        } catch (StorageException e) {
            throw new IOException("upload of gs://" + bucket + "/" + prefix + name + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Stored> stat(String name) throws IOException {
        try {
            Blob blob = storage.get(BlobId.of(bucket, prefix + name));
            if (blob == null) {
                return Optional.empty();
            }
            String sha = blob.getMetadata() == null ? null : blob.getMetadata().get(SHA256);
            return Optional.of(new Stored(name, blob.getSize(), sha));
        } catch (StorageException e) {
            throw new IOException("gs://" + bucket + "/" + prefix + name + " cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<byte[]> read(String name) throws IOException {
        try {
            Blob blob = storage.get(BlobId.of(bucket, prefix + name));
            return blob == null ? Optional.empty() : Optional.of(blob.getContent());
        } catch (StorageException e) {
            throw new IOException("gs://" + bucket + "/" + prefix + name + " cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public String location(String name) {
        return "gs://" + bucket + "/" + prefix + name;
    }
}
