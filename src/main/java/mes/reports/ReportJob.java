package mes.reports;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;

/** Makes the scheduled reports that are due, every few minutes and once right after start (the catch-up). */
@ApplicationScoped
public class ReportJob {

    @Inject
    ReportService reports;

    @Inject
    Clock clock;

    @Scheduled(every = "${mes.reports.every:10m}", delayed = "30s", identity = "compliance-reports",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Disabled.class)
    void run() {
        reports.catchUp(clock.instant());
    }

    public static class Disabled implements Scheduled.SkipPredicate {
        @Inject
        ReportConfig config;

        @Override
        public boolean test(ScheduledExecution execution) {
            return !config.enabled();
        }
    }

}
