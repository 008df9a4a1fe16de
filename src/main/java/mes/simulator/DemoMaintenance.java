package mes.simulator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import mes.maintenance.PreventiveMaintenance;
import mes.maintenance.domain.PlanTrigger;
import mes.security.Roles;

/**
 * The demo plant's preventive maintenance: plans by days, run hours and cycles, one of them
 * overdue (and its alert), one due, one far from due, the press's and the welding cell's counted
 * from what the simulator sends, and one order already in the technician's hands.
 */
@ApplicationScoped
public class DemoMaintenance {

    @Inject
    PreventiveMaintenance maintenance;

    @Inject
    DemoPeople people;

    @Inject
    Clock clock;

    void seed() {
        if (!maintenance.plans(null, true).isEmpty()) {
            return; // what the technicians did stays
        }
        Instant now = clock.instant();
        people.as("maintenance", Roles.MAINTENANCE, () -> {
            plan("CNC-01", "Lubricate the spindle, check the way covers", PlanTrigger.DAYS, 7, now.minus(Duration.ofDays(8)), false);
            plan("CNC-02", "Check the coolant concentration (refractometer)", PlanTrigger.DAYS, 1, now.minus(Duration.ofHours(25)), false);
            plan("IMM-01", "Clean the nozzle, check the heater bands", PlanTrigger.DAYS, 14, now.minus(Duration.ofDays(3)), false);
            plan("CNC-01", "Replace the spindle coolant filter", PlanTrigger.RUN_HOURS, 7.5, now.minus(Duration.ofHours(8)), false);
            plan("PRS-01", "Inspect the die, lubricate the guide pillars", PlanTrigger.CYCLES, 7500, now.minus(Duration.ofHours(8)), false);
            plan("WLD-01", "Dress the electrode caps", PlanTrigger.CYCLES, 300, now.minus(Duration.ofHours(4)), true);
            return null;
        });
        var opened = maintenance.check();
        opened.stream().filter(o -> o.machineId().equals("CNC-02")).findFirst().ifPresent(o -> people.as("maintenance", Roles.MAINTENANCE,
                () -> maintenance.start(o.id())));
    }

    private void plan(String machine, String title, PlanTrigger trigger, double every, Instant startsAt, boolean firstOff) {
        maintenance.createPlan(new PreventiveMaintenance.NewPlan(machine, title, null, trigger, every, null, startsAt, firstOff));
    }
}
