package mes.ingest.archive;

import com.google.cloud.storage.StorageOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.nio.file.Path;

/**
 * Chooses the archive from configuration; the Cloud Storage client (application default
 * credentials: the VM's service account) is only created when it is used.
 */
@ApplicationScoped
public class ArchiveStoreProducer {

    @Inject
    ArchiveConfig config;


    @Produces
    @ApplicationScoped
    ArchiveStore archive() {
        return switch (config.target()) {
            case LOCAL -> new LocalFolderArchive(Path.of(config.localFolder(), config.prefix()));
            case GCS -> new CloudStorageArchive(StorageOptions.getDefaultInstance().getService(),
                    config.bucket().orElseThrow(() -> new IllegalStateException("mes.archive.bucket is required for target gcs")),
                    config.prefix());
        };
    }
}
