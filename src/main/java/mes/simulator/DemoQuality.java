package mes.simulator;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import mes.kernel.Refusal;
import mes.production.LotService;
import mes.quality.CapaService;
import mes.quality.ControlPlanService.CharacteristicIn;
import mes.quality.ControlPlanService.CharacteristicView;
import mes.quality.ControlPlanService;
import mes.quality.GaugeService;
import mes.quality.InspectionService.InspectionIn;
import mes.quality.InspectionService;
import mes.quality.NonconformityService;
import mes.quality.domain.InspectionFrequency;
import mes.quality.domain.Reaction;
import mes.security.Roles;
import mes.simulator.config.SimulatorConfig;
import mes.simulator.domain.DemoPlant;

/**
 * The demo plant's quality: gauges (one overdue, one due soon), approved control plans of the eight running parts (with when each check falls due), and
 * a CMM that measures the running lots every few seconds, so that the SPC pages have data. The
 * brake caliper's bore is very capable, its flatness capable, and the brake module's leak rate
 * is not (Cpk about 1.1), with the odd drift that breaks a run rule. One failed inspection has
 * its nonconformity open, and a CAPA has an overdue action.
 */
@ApplicationScoped
public class DemoQuality {

    /** The AIAG MSA manual's (4th edition) R&R data set, [appraiser][trial][part]. */
    private static final double[][][] AIAG_DEVIATIONS = {
        {{0.29, -0.56, 1.34, 0.47, -0.80, 0.02, 0.59, -0.31, 2.26, -1.36}, {0.41, -0.68, 1.17, 0.50, -0.92, -0.11, 0.75, -0.20, 1.99, -1.25},
            {0.64, -0.58, 1.27, 0.64, -0.84, -0.21, 0.66, -0.17, 2.01, -1.31}},
        {{0.08, -0.47, 1.19, 0.01, -0.56, -0.20, 0.47, -0.63, 1.80, -1.68}, {0.25, -1.22, 0.94, 1.03, -1.20, 0.22, 0.55, 0.08, 2.12, -1.62},
            {0.07, -0.68, 1.34, 0.20, -1.28, 0.06, 0.83, -0.34, 2.19, -1.50}},
        {{0.04, -1.38, 0.88, 0.14, -1.46, -0.29, 0.02, -0.46, 1.77, -1.49}, {-0.11, -1.13, 1.09, 0.20, -1.07, -0.67, 0.01, -0.56, 1.45, -1.77},
            {-0.15, -0.96, 0.67, 0.11, -1.45, -0.49, 0.21, -0.49, 1.87, -2.16}}};

    /** How a characteristic's values come out of the process: mean and standard deviation. */
    private record Process(String part, String code, double mean, double sigma) {
    }

    private static final List<Process> PROCESSES = List.of(
            new Process("BC-4711", "BORE-42", 42.0125, 0.0018),
            new Process("BC-4711", "FLAT", 0.020, 0.006),
            new Process("BM-9000", "LEAK", 1.20, 0.25),
            new Process("BM-9000", "TORQUE", 25.0, 0.45));

    @Inject
    LotService lots;

    @Inject
    SimulatorConfig config;

    @Inject
    GaugeService gauges;

    @Inject
    ControlPlanService plans;

    @Inject
    InspectionService inspections;

    @Inject
    NonconformityService nonconformities;

    @Inject
    CapaService capas;

    @Inject
    DemoPeople people;

    @Inject
    mes.training.QualificationService qualifications;

    @Inject
    Clock clock;

    private Random random;
    private long ticks;

    void seed() {
        random = new Random(config.seed());
        if (!gauges.list().isEmpty()) {
            return;
        }
        var now = clock.instant();
        gauges.put("G-AIR-42", "Air gauge, bore 42 mm", 180, true);
        gauges.calibrate("G-AIR-42", now.minus(Duration.ofDays(100)), "PASS", "DAkkS D-K-15070-01 / 2026-0815", null);
        gauges.put("G-CMM-1", "CMM Zeiss Contura, cell QLAB", 365, true);
        gauges.calibrate("G-CMM-1", now.minus(Duration.ofDays(30)), "PASS", "ISO 10360-2 / 2026-1026", null);
        gauges.put("G-LEAK-3", "Leak tester, assembly 1", 90, true);
        gauges.calibrate("G-LEAK-3", now.minus(Duration.ofDays(80)), "PASS", "In-house CAL-0331", null);
        gauges.put("G-TQ-7", "Torque wrench 10-50 Nm", 90, true);
        gauges.calibrate("G-TQ-7", now.minus(Duration.ofDays(120)), "PASS", "In-house CAL-0298", "overdue in the demo on purpose");
        // an R&R study of the bore gauge: the AIAG manual's data set as deviations of 4 µm per unit from 42 mm; the
        // other gauges have none, so their inspections are flagged
        double[][][] study = new double[3][10][3];
        for (int a = 0; a < 3; a++) {
            for (int p = 0; p < 10; p++) {
                for (int t = 0; t < 3; t++) {
                    study[a][p][t] = Math.round((42.0 + AIAG_DEVIATIONS[a][t][p] * 0.004) * 1e6) / 1e6;
                }
            }
        }
        gauges.recordStudy("G-AIR-42", null, 0.025, List.of("Weber", "Yilmaz", "Kowalski"), study, "10 bores, 3 appraisers, 3 trials");
        gauges.put("G-CAL-150", "Vernier caliper 150 mm", 365, true);

        int caliper = operation("BC-4711", false);
        adopt("BC-4711", "first issue: PPAP run, 2026-10", List.of(
                new CharacteristicIn("BORE-42", caliper, "Bore diameter 42 H7", "VARIABLE", 42.0125, 42.000, 42.025, "mm", true, "air gauge",
                        "G-AIR-42", 5, "first piece, then 5 parts every 50", "Stop the line, hold the lot since the last good subgroup,"
                        + " call quality", when(true, 30, true, 50, null, false)),
                new CharacteristicIn("FLAT", caliper, "Flatness of the mounting face", "VARIABLE", null, null, 0.05, "mm", false, "CMM",
                        "G-CMM-1", 1, "1 part per hour and the last piece", "Hold the lot, measure 5 more parts, call quality",
                        when(false, null, false, null, 60, true)),
                new CharacteristicIn("BURR", caliper, "Free of burrs at the bore edge", "ATTRIBUTE", null, null, null, null, false, "visual",
                        null, 1, "first piece after set-up", "Deburr, re-inspect", when(true, null, false, null, null, false))));
        adopt("BM-9000", "first issue: PPAP run, 2026-10", List.of(
                new CharacteristicIn("LEAK", operation("BM-9000", true), "Leak rate at 3 bar", "VARIABLE", null, null, 2.0, "cc/min", true,
                        "pressure decay", "G-LEAK-3", 1, "every module (automatic tester)", "Reject the module, check the seals, call quality"),
                new CharacteristicIn("TORQUE", operation("BM-9000", true), "Caliper bolt torque", "VARIABLE", 25.0, 23.0, 27.0, "Nm", true,
                        "torque wrench", "G-TQ-7", 3, "first piece, then 3 modules per hour", "Re-torque the lot, check the nutrunner",
                        when(true, null, false, null, 60, false)).withReaction(new Reaction(true, true))));
        // the other running parts: checks by hand at the line, which the terminal shows as due
        adopt("SK-2040", "first issue", List.of(new CharacteristicIn("PIN-D", operation("SK-2040", false), "Pin diameter 25 h6",
                "VARIABLE", 24.9935, 24.987, 25.000, "mm", true, "CMM", "G-CMM-1", 1, "first piece, then every 200 parts",
                "Hold the lot since the last good part, call quality", when(true, 30, false, 200, null, false))));
        adopt("CM-8810", "first issue", List.of(new CharacteristicIn("HOLE-POS", operation("CM-8810", false), "Position of the locating holes",
                "VARIABLE", null, null, 0.5, "mm", false, "fixture gauge", null, 1, "first piece, hourly, last piece",
                "Check the die, hold the lot since the last good part", when(true, null, true, null, 60, true))));
        adopt("CM-8820", "first issue", List.of(new CharacteristicIn("WELD", operation("CM-8820", false), "Weld seams complete, no spatter",
                "ATTRIBUTE", null, null, null, null, false, "visual", null, 1, "first piece, every 2 hours, after maintenance",
                "Stop the cell, call the welding engineer", when(true, null, true, null, 120, false))));
        adopt("SF-3300", "first issue", List.of(new CharacteristicIn("TEAR", operation("SF-3300", false), "Weld tear-down test",
                "ATTRIBUTE", null, null, null, null, true, "destructive test", null, 1, "first piece, every 500 parts, last piece",
                "Hold every frame since the last good test, call quality", when(true, null, false, 500, null, true))));
        adopt("IT-5120", "first issue", List.of(new CharacteristicIn("GRAIN", operation("IT-5120", false), "Grain and gloss to the master",
                "ATTRIBUTE", null, null, null, null, false, "visual, light booth", null, 1, "first shot after set-up, hourly",
                "Adjust the mould temperature, sort the parts since the last good check", when(true, 20, false, null, 60, false))));
        adopt("PB-6100", "first issue", List.of(new CharacteristicIn("PEDAL-F", operation("PB-6100", true), "Pedal actuation force",
                "VARIABLE", 30.0, 28.0, 32.0, "N", true, "force gauge", null, 3, "first piece, then every 100 boxes",
                "Hold the lot, check the spring supplier batch, call quality", when(true, null, false, 100, null, false))));
        // history for the charts: 30 subgroups on the running lots
        for (int i = 0; i < 30; i++) {
            measure(i > 24 ? 0.8 : 0);
        }
        // a reaction plan that fired: a torque below its limit on the running brake modules holds them, raises an NCR, and
        // the assembly terminal shows what to do
        String modules = runningLot("BM-9000");
        if (modules != null) {
            try {
                inspections.record(new InspectionIn(modules, null, "TORQUE", List.of(24.8, 22.6, 25.1), null, null, null, null,
                        "bolt 2 below 23 Nm", null));
            } catch (Refusal e) {
                Log.warnf("Demo quality: %s", e.getMessage());
            }
        }
        String lot = runningLot("BC-4711");
        if (lot != null) {
            try {
                var failed = inspections.record(new InspectionIn(lot, null, "BURR", List.of(), "FAIL", null, null, null,
                        "burr at the bore edge, 2 of 5 parts", null));
                var ncr = nonconformities.raise(failed.id(), null, null, "Burr at the bore edge of lot " + lot + " (2 of 5 parts)");
                var capa = capas.open("Burrs at the bore edge", "Repeated burrs at the bore edge of BC-4711 in November", "quality",
                        LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(21), ncr.id());
                capas.rootCause(capa.id(), "Deburring tool T12 worn; no tool life limit in the CNC program");
                capas.addAction(capa.id(), "Set a tool life of 2,000 parts for T12", "supervisor",
                        LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(3));
                capas.addAction(capa.id(), "Add the bore edge to the first-part check", "quality", LocalDate.ofInstant(now, ZoneOffset.UTC)
                        .plusDays(7));
            } catch (Refusal e) {
                Log.warnf("Demo quality: %s", e.getMessage());
            }
        }
        training(now);
        Log.info("Demo quality: gauges, approved control plans of the 8 running parts, 30 subgroups each, one NCR and one CAPA");
    }

    @Scheduled(every = "${mes.simulator.inspection-interval:20s}", delayed = "20s", identity = "demo-cmm",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = LineSimulator.Disabled.class)
    void scheduled() {
        if (random == null) {
            return;
        }
        ticks++;
        // now and then the bore drifts for a while: the chart shows a run rule broken
        measure(ticks % 90 > 80 ? 0.9 : 0);
    }

    /** One subgroup of every demo characteristic on the running lots; {@code shift} moves the bore's mean, in its sigmas. */
    void measure(double shift) {
        for (Process p : PROCESSES) {
            String lot = runningLot(p.part());
            if (lot == null) {
                continue;
            }
            CharacteristicView ch = QuarkusTransaction.requiringNew().call(() -> plans.plan(p.part()).characteristics().stream()
                    .filter(c -> c.code().equals(p.code())).findFirst().orElse(null));
            if (ch == null) {
                continue;
            }
            List<Double> values = new ArrayList<>();
            double mean = p.mean() + (p.code().startsWith("BORE") ? shift * p.sigma() * 3 : 0);
            for (int i = 0; i < ch.sampleSize(); i++) {
                values.add(Math.max(0, Math.round((mean + random.nextGaussian() * p.sigma()) * 10_000) / 10_000.0));
            }
            try {
                QuarkusTransaction.requiringNew().run(() -> inspections.record(new InspectionIn(lot, ch.id(), null, values, null, null,
                        null, null, null, null)));
            } catch (Refusal e) {
                Log.debugf("Demo CMM: %s", e.getMessage());
            }
        }
    }

    /**
     * The training matrix: inspecting, releasing and working the brake caliper need a qualification;
     * the supervisor's for the caliper was renewed only until the demo's start, so it is expired (the
     * demo's expired qualification) and the operator's expires in 20 days (a warning).
     */
    private void training(java.time.Instant now) {
        people.as("quality", Roles.QUALITY, () -> {
            qualifications.putRequirement("TASK", "INSPECTION", 2, "measures and records inspections");
            qualifications.putRequirement("TASK", "RELEASE", 3, "releases lots (product release, IATF 16949 8.6)");
            qualifications.putRequirement("PART", "BC-4711", 3, "machines the brake caliper housing alone");
            java.time.Instant year = now.plus(Duration.ofDays(365));
            qualifications.grant("operator", "TASK", "INSPECTION", 2, year, "gauge training 2026-03");
            qualifications.grant("operator", "PART", "BC-4711", 3, now.plus(Duration.ofDays(20)), "assessed on L-MACH-1; renewal due");
            qualifications.grant("supervisor", "TASK", "INSPECTION", 3, year, "gauge training 2025-11");
            qualifications.grant("supervisor", "PART", "BC-4711", 3, now.plus(Duration.ofDays(40)), "assessed 2025-12");
            qualifications.grant("admin", "TASK", "RELEASE", 4, year, "quality manager");
            qualifications.grant("admin", "TASK", "INSPECTION", 4, year, "quality manager");
            return null;
        });
        people.as("admin", Roles.ADMIN, () -> {
            qualifications.grant("quality", "TASK", "INSPECTION", 4, now.plus(Duration.ofDays(365)), "quality engineer");
            qualifications.grant("quality", "TASK", "RELEASE", 4, now.plus(Duration.ofDays(365)), "quality engineer");
            return null;
        });
        // the supervisor's caliper qualification runs out five seconds after the start: its newest grant counts
        people.as("quality", Roles.QUALITY, () -> qualifications.grant("supervisor", "PART", "BC-4711", 3, clock.instant().plusSeconds(5),
                "re-assessment not yet done"));
    }

    /** A plan drafted by the demo's quality engineer and approved by the quality manager (the admin in the demo). */
    private void adopt(String part, String note, List<CharacteristicIn> characteristics) {
        var draft = people.as("quality", Roles.QUALITY, () -> plans.draft(part, characteristics, note));
        people.as("admin", Roles.ADMIN, () -> plans.approve(part, draft.revision(), "PPAP approved"));
    }

    private static InspectionFrequency when(boolean firstOff, Integer afterStopMinutes, boolean afterMaintenance, Integer everyParts,
            Integer everyMinutes, boolean lastPiece) {
        return new InspectionFrequency(firstOff, afterStopMinutes, afterMaintenance, everyParts, everyMinutes, lastPiece);
    }

    private String runningLot(String part) {
        return QuarkusTransaction.requiringNew().call(() -> lots.openProduced(part).map(LotService.Snapshot::id).orElse(null));
    }

    private static int operation(String part, boolean last) {
        var p = DemoPlant.PARTS.stream().filter(x -> x.id().equals(part)).findFirst().orElseThrow();
        var routing = DemoPlant.routing(p);
        return (last ? routing.get(routing.size() - 1) : routing.get(0)).operationNo();
    }

}
