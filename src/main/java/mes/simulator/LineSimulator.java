package mes.simulator;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import mes.anomaly.AlertService;
import mes.equipment.EquipmentService;
import mes.equipment.domain.MachineDefinition;
import mes.ingest.IngestBatcher;
import mes.ingest.IngestReport;
import mes.ingest.IngestRequest;
import mes.ingest.IngestSource;
import mes.ingest.domain.SensorMessage;
import mes.ingest.domain.SensorMessageEncoder;
import mes.simulator.config.SimulatorConfig;
import mes.simulator.domain.DemoPlant;
import mes.simulator.domain.MachineSimulation;

/**
 * The demo plant, live: registers its equipment and calendar, then every interval sends one
 * message per machine, batched into one JSON array as a gateway would, through the same
 * ingestion entry point as Pub/Sub and HTTP.
 */
@ApplicationScoped
public class LineSimulator {

    @Inject
    SimulatorConfig config;

    @Inject
    EquipmentService equipment;

    @Inject
    IngestBatcher batcher;

    @Inject
    Clock clock;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AlertService alerts;

    @Inject
    mes.production.PartService parts;

    @Inject
    mes.production.WorkOrderService orders;

    @Inject
    mes.production.LotService lots;

    @Inject
    DemoQuality quality;

    @Inject
    DemoMaintenance maintenance;

    private volatile List<MachineSimulation> machines = List.of();
    /** Set on shutdown (also a dev-mode reload), so that a backfill still running stops sending. */
    private volatile boolean stopped;
    private Instant lastTick;

    void onStart(@Observes @Priority(10) StartupEvent event) {
        if (config.enabled()) {
            seedDemoPlant();
            seedDemoProduction();
            quality.seed();
            maintenance.seed();
            if (config.backfill().isZero()) {
                start(config.machines().orElse(DemoPlant.MACHINES.size()));
            } else {
                Thread backfill = new Thread(() -> {
                    List<MachineSimulation> simulations = simulations(config.machines().orElse(DemoPlant.MACHINES.size()));
                    Instant from = clock.instant().minus(config.backfill());
                    Instant resumed = resume(simulations);
                    if (resumed != null && resumed.isAfter(from)) {
                        from = resumed.plus(config.backfillInterval()); // after a reload: only the gap
                    }
                    backfill(simulations, from, clock.instant(), config.backfillInterval());
                    if (stopped) {
                        return;
                    }
                    machines = simulations;
                    Log.infof("Line simulator: live, %d machines every %s", simulations.size(), config.interval());
                }, "simulator-backfill");
                backfill.setDaemon(true);
                backfill.start();
            }
        }
    }

    void onStop(@Observes io.quarkus.runtime.ShutdownEvent event) {
        stopped = true;
        machines = List.of();
    }

    /**
     * Continues the machines' counters from their newest stored sample, so that a dev-mode reload
     * (which keeps the database) does not start a second, contradicting counter history. Answers
     * the newest stored ts, or null when the plant has none yet.
     */
    Instant resume(List<MachineSimulation> simulations) {
        Map<String, MachineSimulation> byId = new HashMap<>();
        simulations.forEach(m -> byId.put(m.machineId(), m));
        Instant newest = null;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT DISTINCT ON (machine_id) machine_id, ts, good, scrap FROM counter_sample"
                        + " WHERE machine_id = ANY(?) ORDER BY machine_id, ts DESC")) {
            ps.setArray(1, c.createArrayOf("text", byId.keySet().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byId.get(rs.getString(1)).resume(rs.getLong(3), rs.getLong(4));
                    Instant ts = rs.getTimestamp(2).toInstant();
                    newest = newest == null || ts.isAfter(newest) ? ts : newest;
                }
            }
        } catch (SQLException e) {
            Log.warnf("Line simulator: could not read the stored counters (%s); starting new ones", e.getMessage());
        }
        return newest;
    }

    /** Sends the machines' messages from {@code from} to {@code to}, one per machine every {@code step}, in order. */
    public void backfill(List<MachineSimulation> simulations, Instant from, Instant to, Duration step) {
        Log.infof("Line simulator: simulating the last %s of %d machines first", Duration.between(from, to), simulations.size());
        long started = System.nanoTime();
        int sent = 0;
        List<java.util.concurrent.CompletableFuture<IngestReport>> pending = new ArrayList<>();
        for (Instant t = from; t.isBefore(to) && !stopped; t = t.plus(step)) {
            List<SensorMessage> batch = new ArrayList<>(simulations.size());
            for (MachineSimulation m : simulations) {
                batch.add(m.tick(t, step));
            }
            pending.add(batcher.submit(new IngestRequest(SensorMessageEncoder.toJsonArray(batch).getBytes(StandardCharsets.UTF_8),
                    IngestSource.SIMULATOR, t), true));
            sent += batch.size();
            if (pending.size() >= 50) { // keep the queue short
                pending.forEach(java.util.concurrent.CompletableFuture::join);
                pending.clear();
            }
        }
        pending.forEach(java.util.concurrent.CompletableFuture::join);
        lastTick = to;
        Log.infof("Line simulator: %d past messages sent in %d s", sent, (System.nanoTime() - started) / 1_000_000_000L);
    }

    /** Starts simulating the first {@code count} machines of the demo plant (which must be registered). */
    public void start(int count) {
        List<MachineSimulation> simulations = simulations(count);
        resume(simulations);
        machines = simulations;
        Log.infof("Line simulator: %d machines of the demo plant send a message every %s", machines.size(), config.interval());
    }

    private List<MachineSimulation> simulations(int count) {
        int n = Math.min(count, DemoPlant.MACHINES.size());
        List<MachineSimulation> simulations = new ArrayList<>();
        for (MachineDefinition m : DemoPlant.MACHINES.subList(0, n)) {
            simulations.add(new MachineSimulation(m, config.seed(), config.faultProbability()));
        }
        return List.copyOf(simulations);
    }

    /** Registers the demo plant and the sensors it watches statistically (idempotent: the same PUTs an administrator would make). */
    public void seedDemoPlant() {
        var site = DemoPlant.SITE;
        equipment.putSite(site.id(), site.name(), site.timeZone());
        DemoPlant.AREAS.forEach(a -> equipment.putArea(a.id(), a.name(), a.siteId()));
        DemoPlant.LINES_OF_PLANT.forEach(l -> equipment.putLine(l.id(), l.name(), l.areaId()));
        DemoPlant.MACHINES.forEach(equipment::putMachine);
        equipment.putCalendar(site.id(), DemoPlant.CALENDAR, "simulator");
        if (equipment.downtimeReasons(site.id()).isEmpty()) {
            equipment.putDowntimeReasons(site.id(), DemoPlant.DOWNTIME_REASONS, "simulator"); // what an administrator changed stays
        }
        for (MachineDefinition m : DemoPlant.MACHINES) {
            for (DemoPlant.Detection d : DemoPlant.DETECTION) {
                if (DemoPlant.kindOf(m) == d.kind() && alerts.sensor(m.id(), d.sensor()).stored() == null) {
                    alerts.saveSettings(m.id(), d.sensor(), d.settings(), "simulator"); // what an engineer changed stays
                }
            }
        }
    }

    /**
     * Gives the demo plant's parts their routings, and when there are no orders yet, plans four per
     * line: one running (with its material recorded, so that traceability has a genealogy), two
     * released, one planned. Assembly consumes the machining lines' running lots.
     */
    public void seedDemoProduction() {
        for (DemoPlant.Part p : DemoPlant.PARTS) {
            if (parts.find(p.id()).isEmpty()) {
                parts.put(p.id(), p.description(), DemoPlant.routing(p).stream()
                        .map(r -> new mes.production.PartService.Operation(r.operationNo(), r.machineId(), r.idealCycleTimeSeconds(), null))
                        .toList());
            }
        }
        if (!orders.list(null, null, 1).isEmpty()) {
            return;
        }
        java.time.LocalDate today = clock.instant().atZone(java.time.ZoneOffset.UTC).toLocalDate();
        Map<String, String> runningLotOfPart = new HashMap<>();
        int supplierLot = 0;
        for (DemoPlant.Part p : DemoPlant.PARTS) {
            Instant due = today.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            var running = orders.create(new mes.production.WorkOrderService.NewOrder(null, p.id(), p.lineId(), 2_000, due, null));
            orders.act(running.id(), mes.production.domain.WorkOrderAction.RELEASE, null);
            running = orders.act(running.id(), mes.production.domain.WorkOrderAction.START, null);
            runningLotOfPart.put(p.id(), running.currentLotId());
            parts.putBillOfMaterial(p.id(), List.of(new mes.production.domain.MaterialRule.Line(p.material(), "pcs", 1.0)));
            String material = runningLotOfPart.get(p.material());
            if (material == null) { // bought in: received from a supplier today
                material = "SUP-%s-%02d".formatted(today.toString().replace("-", ""), ++supplierLot);
                lots.receive(material, p.material(), "Demo supplier GmbH", 5_000);
            }
            lots.consume(running.id(), material, null);
            for (int i = 1; i <= 3; i++) {
                var next = orders.create(new mes.production.WorkOrderService.NewOrder(null, p.id(), p.lineId(), 1_000 * i,
                        due.plus(Duration.ofHours(8L * i)), null));
                if (i < 3) {
                    orders.act(next.id(), mes.production.domain.WorkOrderAction.RELEASE, null);
                }
            }
        }
        Log.infof("Line simulator: planned demo orders, one running on each of %d lines", DemoPlant.PARTS.size());
    }

    @Scheduled(every = "${mes.simulator.interval:2s}", delayed = "1s", identity = "line-simulator",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Disabled.class)
    void scheduledTick() {
        tick();
    }

    /** Sends one message per simulated machine, as one batch; answers what ingestion made of it. */
    public IngestReport tick() {
        List<MachineSimulation> current = machines;
        if (current.isEmpty()) {
            return new IngestReport(0, 0, List.of(), null);
        }
        Instant now = clock.instant();
        Duration elapsed = lastTick == null ? config.interval() : Duration.between(lastTick, now);
        lastTick = now;
        Map<String, String> running = runningOrders();
        List<SensorMessage> batch = new ArrayList<>(current.size());
        for (MachineSimulation m : current) {
            m.runningOrder(running.get(m.lineId()));
            batch.add(m.tick(now, elapsed));
        }
        byte[] payload = SensorMessageEncoder.toJsonArray(batch).getBytes(StandardCharsets.UTF_8);
        try {
            IngestReport report = batcher.submit(new IngestRequest(payload, IngestSource.SIMULATOR, now), true)
                    .get(60, TimeUnit.SECONDS);
            if (!report.rejected().isEmpty()) {
                Log.warnf("Simulator: %d messages rejected, first: %s", report.rejected().size(), report.rejected().get(0));
            }
            return report;
        } catch (ExecutionException | TimeoutException e) {
            Log.warnf("Simulator: the batch was not stored (%s)", e.getMessage());
            return new IngestReport(0, 0, List.of(), "not stored: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new IngestReport(0, 0, List.of(), "interrupted");
        }
    }

    private Map<String, String> runningOrders() {
        try {
            return orders.runningByLine();
        } catch (RuntimeException e) { // the database is down: the gateway keeps sending without an order
            return Map.of();
        }
    }

    /** Starts a fault on one machine's sensor at the next ticks. */
    public void injectFault(String machineId, MachineSimulation.Fault fault, String sensor, int ticks) {
        machines.stream().filter(m -> m.machineId().equals(machineId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("machine " + machineId + " is not simulated"))
                .inject(fault, sensor, ticks);
    }

    /** Skips the tick while the simulator is off. */
    @Singleton
    public static class Disabled implements Scheduled.SkipPredicate {
        @Inject
        SimulatorConfig config;

        @Override
        public boolean test(ScheduledExecution execution) {
            return !config.enabled();
        }
    }
}
