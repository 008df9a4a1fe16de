package mes.simulator;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.Set;
import mes.andon.AndonService;
import mes.andon.domain.AndonCall;
import mes.equipment.EquipmentService;
import mes.equipment.domain.MachineState;
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

    @Inject
    AndonService andon;

    @Inject
    EquipmentService equipment;

    private final Random random = new Random(23);

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

    /**
     * The line calling maintenance now and then: an operator calls when a machine has been down
     * for a breakdown a while; the technician answers within a few minutes (one call in six is
     * left unanswered until it escalates) and resolves the call once the machine runs again.
     */
    @Scheduled(every = "${mes.simulator.andon-interval:15s}", delayed = "30s", identity = "demo-andon",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = LineSimulator.Disabled.class)
    void andonRound() {
        try {
            andonRoundNow();
        } catch (RuntimeException e) {
            Log.debugf("Demo andon round skipped: %s", e.toString());
        }
    }

    private void andonRoundNow() {
        Instant now = clock.instant();
        var states = equipment.currentStates();
        var calls = andon.activeByMachine();
        for (var e : states.entrySet()) {
            var s = e.getValue();
            var open = calls.getOrDefault(e.getKey(), List.of()).stream()
                    .filter(v -> v.call().target() == AndonCall.Target.MAINTENANCE).findFirst().orElse(null);
            if (open == null) {
                if (s.state() == MachineState.DOWN && s.since() != null
                        && Duration.between(s.since(), now).toSeconds() > 60 && random.nextInt(4) == 0) {
                    people.as("operator", Roles.OPERATOR, () -> andon.call(e.getKey(), AndonCall.Target.MAINTENANCE,
                            "down since " + s.since().truncatedTo(ChronoUnit.SECONDS)));
                }
                continue;
            }
            var call = open.call();
            long waited = Duration.between(call.calledAt(), now).toSeconds();
            if (call.status() == AndonCall.Status.OPEN && waited > 60 + random.nextInt(180) && call.id() % 6 != 0) {
                people.as("maintenance", Roles.MAINTENANCE, () -> andon.acknowledge(call.id(), Set.of(Roles.MAINTENANCE)));
            } else if (call.status() == AndonCall.Status.OPEN && waited > 480) { // escalated: the supervisor goes
                people.as("supervisor", Roles.SUPERVISOR, () -> andon.acknowledge(call.id(), Set.of(Roles.SUPERVISOR)));
            } else if (call.status() == AndonCall.Status.ACKNOWLEDGED && s.state() == MachineState.RUNNING) {
                people.as("maintenance", Roles.MAINTENANCE, () -> andon.resolve(call.id(), "fault cleared, machine running again",
                        Set.of(Roles.MAINTENANCE)));
            }
        }
    }

    private void plan(String machine, String title, PlanTrigger trigger, double every, Instant startsAt, boolean firstOff) {
        maintenance.createPlan(new PreventiveMaintenance.NewPlan(machine, title, null, trigger, every, null, startsAt, firstOff));
    }
}
