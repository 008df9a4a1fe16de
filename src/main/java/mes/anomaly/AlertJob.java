package mes.anomaly;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import mes.anomaly.config.AnomalyConfig;
import mes.anomaly.domain.MachineRules;
import mes.anomaly.persistence.AlertStore;
import mes.anomaly.persistence.DetectionStore;

/** Against the clock: raises and clears OFFLINE and DOWN_TOO_LONG, resolves sensor alerts that went quiet. */
@ApplicationScoped
public class AlertJob {

    @Inject
    AlertStore alerts;

    @Inject
    DetectionStore store;

    @Inject
    AnomalyConfig config;

    @Inject
    Clock clock;

    @Scheduled(every = "${mes.anomaly.watch-every:5s}", delayed = "10s", identity = "alert-watch",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        if (!config.enabled()) {
            return;
        }
        try {
            check(clock.instant());
        } catch (SQLException | RuntimeException e) {
            Log.warnf("Alert watch skipped this time: %s", e.toString());
        }
    }

    /** One round: machine rules, then quiet sensor alerts. */
    public void check(Instant now) throws SQLException {
        Map<String, MachineRules> rules = store.machineRules();
        alerts.watchMachines(now, m -> rules.getOrDefault(m, new MachineRules(null)));
        alerts.resolveQuiet(now, config.quietPeriod());
    }
}
