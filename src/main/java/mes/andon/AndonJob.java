package mes.andon;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Escalates andon calls left unanswered or unresolved; every instance may run it (one escalation per level, one alert per machine). */
@ApplicationScoped
public class AndonJob {

    @Inject
    AndonService andon;

    @Scheduled(every = "${mes.andon.escalate-every:30s}", delayed = "20s", identity = "andon-escalation",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            int n = andon.escalate();
            if (n > 0) {
                Log.infof("Andon: %d call(s) escalated", n);
            }
        } catch (RuntimeException e) {
            Log.warnf("Andon calls not checked for escalation this time: %s", e.toString());
        }
    }
}
