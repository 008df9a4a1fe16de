package mes.ingest.archive;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;

/** Runs retention on its schedule; the service takes the database lock, so one VM runs it at a time. */
@ApplicationScoped
public class RetentionJob {

    @Inject
    RetentionService retention;

    @Inject
    Clock clock;

    @Inject
    ArchiveConfig config;

    @Scheduled(cron = "${mes.archive.cron:0 20 * * * ?}", identity = "raw-data-retention",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        if (config.enabled()) {
            retention.run(clock.instant());
        }
    }
}
