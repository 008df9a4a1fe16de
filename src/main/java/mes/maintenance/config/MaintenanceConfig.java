package mes.maintenance.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Preventive maintenance's settings. */
@ConfigMapping(prefix = "mes.maintenance")
public interface MaintenanceConfig {

    /** Whether this instance looks for plans that fell due (opens their orders, raises PM_OVERDUE). */
    @WithDefault("true")
    boolean plansWatched();

    /** How often plans are checked ("off" to disable; tests call the check themselves). */
    @WithDefault("1m")
    String plansEvery();
}
