package mes.ingest.archive;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Retention of raw readings: where they are archived before their partitions are dropped. */
@ConfigMapping(prefix = "mes.archive")
public interface ArchiveConfig {

    enum Target { LOCAL, GCS }

    /** Run the retention job on its schedule (tests call it directly). */
    @WithDefault("true")
    boolean enabled();

    /** When the retention job runs (Quartz-style cron, the server's time). */
    @WithDefault("0 20 * * * ?")
    String cron();

    /** LOCAL: a folder (dev, test); GCS: a Cloud Storage bucket (prod). */
    @WithDefault("local")
    Target target();

    /** The folder of the LOCAL archive. */
    @WithDefault("target/archive")
    String localFolder();

    /** The bucket of the GCS archive (terraform/storage.tf creates it). */
    Optional<String> bucket();

    /** The object name prefix inside the archive. */
    @WithDefault("raw")
    String prefix();
}
