package mes.anomaly;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import mes.anomaly.config.AnomalyConfig;
import mes.anomaly.domain.Finding;
import mes.anomaly.domain.SensorDetector;
import mes.anomaly.domain.SensorMeta;
import mes.anomaly.persistence.AlertStore;
import mes.anomaly.persistence.DetectionStore;
import mes.equipment.EquipmentService.EquipmentChanged;
import mes.equipment.domain.MachineState;
import mes.ingest.FreshMessages;
import mes.ingest.domain.SensorMessage;

/**
 * Runs the detectors on every newly stored message, inside the ingestion transaction, and
 * records what they find as alerts in that same transaction: a message's facts and its alerts
 * commit together, and a redelivered message (a duplicate, which ingestion filters out before
 * this) raises nothing twice.
 *
 * <p>One {@link SensorDetector} per machine and sensor, in memory. It is built on first use from
 * the sensor's settings and baseline and fed the sensor's newest stored readings, so after a
 * restart it continues where it stopped. When the transaction does not commit, the detectors of
 * the batch's machines are dropped and rebuilt the same way from what did commit.
 */
@ApplicationScoped
public class AnomalyDetection implements FreshMessages {

    private final Map<String, SensorDetector> detectors = new HashMap<>();
    /** The sensor id of each detector's sensor (to store a baseline it estimates). */
    private final Map<String, Integer> sensorIds = new HashMap<>();
    private final Map<String, MachineState> lastState = new HashMap<>();
    private final Set<String> unknown = new HashSet<>();

    @Inject
    AgroalDataSource dataSource;

    @Inject
    DetectionStore store;

    @Inject
    AnomalyConfig config;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    MeterRegistry metrics;

    /** Detects on the messages just written (in ts order per machine), recording alerts on the connection of the transaction. */
    @Override
    public void process(List<SensorMessage> fresh) {
        try (Connection c = dataSource.getConnection()) {
            process(c, fresh);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    synchronized void process(Connection c, List<SensorMessage> written) throws SQLException {
        if (!config.enabled() || written.isEmpty()) {
            return;
        }
        List<SensorMessage> sorted = new ArrayList<>(written);
        sorted.sort(Comparator.comparing(SensorMessage::ts));
        Set<String> machines = new HashSet<>();
        Map<String, Instant> earliest = new HashMap<>();
        for (SensorMessage m : sorted) {
            machines.add(m.machineId());
            for (String name : m.values().keySet()) {
                earliest.putIfAbsent(m.machineId() + '\u0000' + name, m.ts());
            }
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status != Status.STATUS_COMMITTED) {
                    forget(machines);
                }
            }
        });
        List<AlertStore.Raised> raised = new ArrayList<>();
        for (SensorMessage m : sorted) {
            if (m.state() != null) {
                lastState.put(m.machineId(), m.state());
            }
            MachineState state = lastState.get(m.machineId());
            boolean running = state == null || state == MachineState.RUNNING;
            for (Map.Entry<String, Double> v : m.values().entrySet()) {
                String key = m.machineId() + '\u0000' + v.getKey();
                SensorDetector d = detector(c, m.machineId(), v.getKey(), key, earliest.get(key));
                if (d == null) {
                    continue;
                }
                for (Finding f : d.accept(m.ts(), v.getValue(), running)) {
                    raised.add(new AlertStore.Raised(m.machineId(), v.getKey(), f));
                }
                if (d.baselineEstablished()) {
                    saveEstimated(c, sensorIds.get(key), d);
                }
            }
        }
        if (!raised.isEmpty()) {
            metrics.counter("mes.anomaly.findings").increment(raised.size());
            int opened = AlertStore.record(c, raised, config.stormCap());
            metrics.counter("mes.anomaly.alerts.opened").increment(opened);
        }
    }

    private static void saveEstimated(Connection c, int sensorId, SensorDetector d) throws SQLException {
        DetectionStore.saveBaseline(c, sensorId, d.baseline(), null, null,
                "estimated from the first " + d.baseline().samples() + " running values");
    }

    private SensorDetector detector(Connection c, String machineId, String sensor, String key, Instant before) throws SQLException {
        SensorDetector d = detectors.get(key);
        if (d != null || unknown.contains(key)) {
            return d;
        }
        Optional<SensorMeta> meta = store.sensor(c, machineId, sensor);
        if (meta.isEmpty()) {
            unknown.add(key);
            return null;
        }
        SensorMeta s = meta.get();
        d = new SensorDetector(s.effective(), s.lsl(), s.usl(), s.unit(), s.baseline());
        for (DetectionStore.Reading r : DetectionStore.recent(c, machineId, s.sensorId(), before, config.replay())) {
            d.accept(r.ts(), r.value(), r.running()); // what it found then was recorded then
        }
        if (d.baselineEstablished()) {
            saveEstimated(c, s.sensorId(), d);
        }
        detectors.put(key, d);
        sensorIds.put(key, s.sensorId());
        return d;
    }

    /** Drops the detectors of these machines; they are rebuilt from the stored readings when next needed. */
    public synchronized void forget(Set<String> machineIds) {
        detectors.keySet().removeIf(k -> machineIds.contains(k.substring(0, k.indexOf('\u0000'))));
        sensorIds.keySet().removeIf(k -> machineIds.contains(k.substring(0, k.indexOf('\u0000'))));
        unknown.removeIf(k -> machineIds.contains(k.substring(0, k.indexOf('\u0000'))));
        machineIds.forEach(lastState::remove);
    }

    void onEquipmentChanged(@Observes EquipmentChanged changed) {
        if (changed.machineId() != null) {
            forget(Set.of(changed.machineId()));
        }
    }
}
