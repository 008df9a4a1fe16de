package mes.ingest.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The Cloud Storage archive through the real client API, on the client library's in-memory Storage. */
class CloudStorageArchiveTest {

    @Test
    void anUploadedFileCanBeStattedWithItsSizeAndSha256() throws Exception {
        Storage storage = LocalStorageHelper.getOptions().getService();
        CloudStorageArchive archive = new CloudStorageArchive(storage, "mes-archive", "raw");
        Path file = Files.createTempFile("archive", ".csv.gz");
        byte[] content = new byte[3_000_000];
        new java.util.Random(1).nextBytes(content);
        Files.write(file, content);
        String sha = LocalFolderArchive.sha256(file);

        archive.put("sensor_reading/2026/11/18/x.csv.gz", file, "application/gzip", sha);

        assertThat(archive.stat("sensor_reading/2026/11/18/x.csv.gz"))
                .hasValue(new ArchiveStore.Stored("sensor_reading/2026/11/18/x.csv.gz", content.length, sha));
        assertThat(storage.readAllBytes(BlobId.of("mes-archive", "raw/sensor_reading/2026/11/18/x.csv.gz"))).isEqualTo(content);
        assertThat(archive.stat("nothing/here")).isEmpty();
        assertThat(archive.read("sensor_reading/2026/11/18/x.csv.gz")).hasValueSatisfying(b -> assertThat(b).isEqualTo(content));
        assertThat(archive.read("nothing/here")).isEmpty();
        assertThat(archive.location("a/b")).isEqualTo("gs://mes-archive/raw/a/b");
    }
}
