package mes.maintenance;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import mes.maintenance.config.MaintenanceConfig;

/**
 * Looks for plans that fell due: opens their orders and holds PM_OVERDUE. Every instance may run
 * it: an order per plan at a time is the database's rule, and the alert is one per machine.
 */
@ApplicationScoped
public class PlanJob {

    @Inject
    PreventiveMaintenance maintenance;

    @Inject
    MaintenanceConfig config;

    @Scheduled(every = "${mes.maintenance.plans-every:1m}", delayed = "15s", identity = "maintenance-plans",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        if (!config.plansWatched()) {
            return;
        }
        try {
            maintenance.check().forEach(o -> Log.infof("Maintenance order %d opened: plan %d on %s fell due at %s", o.id(), o.planId(),
                    o.machineId(), o.dueSince()));
        } catch (RuntimeException e) {
            Log.warnf("Maintenance plans not checked this time: %s", e.toString());
        }
    }
}
