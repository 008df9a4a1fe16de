package mes.anomaly;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mes.anomaly.domain.ActiveAlerts;
import mes.anomaly.domain.Baseline;
import mes.anomaly.domain.DetectionSettings;
import mes.anomaly.domain.MachineRules;
import mes.anomaly.domain.SensorMeta;
import mes.anomaly.persistence.AlertStore.Alert;
import mes.anomaly.domain.Finding;
import mes.anomaly.persistence.AlertStore;
import mes.anomaly.persistence.DetectionStore;
import mes.kernel.Refusal;

/** What the API and the pages do with alerts and detector settings. */
@ApplicationScoped
public class AlertService {

    @Inject
    mes.audit.AuditTrail audit;

    public static final List<String> STATUSES = List.of("OPEN", "ACKNOWLEDGED", "RESOLVED");

    @Inject
    AlertStore alerts;

    @Inject
    DetectionStore store;

    @Inject
    AnomalyDetection detection;

    @Inject
    Clock clock;

    public List<Alert> list(AlertStore.Filter filter) {
        if (filter.status() != null && !STATUSES.contains(filter.status())) {
            throw Refusal.invalid("status must be one of " + STATUSES);
        }
        if (filter.limit() < 1 || filter.limit() > 5000) {
            throw Refusal.invalid("limit must be between 1 and 5000");
        }
        try {
            return alerts.list(filter);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The open and acknowledged alerts of each machine that has any, for the overview and the line pages. */
    public Map<String, ActiveAlerts> activeByMachine() {
        try {
            return alerts.activeByMachine();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Holds a condition another feature watches (a rule of {@link AlertStore#CONDITION_RULES}): an
     * alert is open for each machine in {@code holding} (one, however often this is called) and
     * resolved once its machine is left out.
     *
     * @param holding the finding that holds, by machine id
     */
    public void holdCondition(String rule, Map<String, Finding> holding, java.time.Instant now) {
        if (!AlertStore.CONDITION_RULES.contains(rule)) {
            throw new IllegalArgumentException(rule + " is not a condition rule");
        }
        try {
            alerts.holdCondition(rule, holding.entrySet().stream().map(e -> new AlertStore.Raised(e.getKey(), null, e.getValue())).toList(),
                    now);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Alert find(long id) {
        try {
            return alerts.find(id).orElseThrow(() -> Refusal.notFound("No alert " + id));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Acknowledges an open alert with a comment; who and when are kept, and the change goes into the audit trail. */
    @jakarta.transaction.Transactional
    public Alert acknowledge(long id, String user, String comment) {
        String text = comment == null ? "" : comment.trim();
        if (text.isEmpty() || text.length() > 500) {
            throw Refusal.invalid("comment is required: what was done or found (at most 500 characters)");
        }
        try {
            if (!alerts.acknowledge(id, user, text, clock.instant())) {
                Alert alert = alerts.find(id).orElseThrow(() -> Refusal.notFound("No alert " + id));
                throw Refusal.conflict("Alert " + id + " is " + alert.status()
                        + (alert.acknowledgedBy() != null ? " (acknowledged by " + alert.acknowledgedBy() + " at " + alert.acknowledgedAt() + ")" : ""));
            }
            Alert after = alerts.find(id).orElseThrow();
            audit.record("ACKNOWLEDGE", "alert", Long.toString(id), null, after);
            return after;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public SensorMeta sensor(String machineId, String sensor) {
        try {
            return store.sensor(machineId, sensor).orElseThrow(() -> Refusal.notFound(
                    "No sensor " + sensor + " on machine " + machineId));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<SensorMeta> sensors(String machineId) {
        try {
            return store.sensors(machineId);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stores a sensor's settings (unset fields keep their defaults); its detector starts again from the stored readings. */
    @jakarta.transaction.Transactional
    public SensorMeta saveSettings(String machineId, String sensor, DetectionSettings settings, String user) {
        SensorMeta meta = sensor(machineId, sensor);
        List<String> problems = settings.problems();
        DetectionSettings effective = settings.withDefaults(meta.lsl(), meta.usl());
        if (effective.warnLow() != null && effective.warnHigh() != null && effective.warnLow() >= effective.warnHigh()) {
            problems = new java.util.ArrayList<>(problems);
            problems.add("the warning band is empty: warnLow must be below warnHigh");
        }
        if (!problems.isEmpty()) {
            throw Refusal.invalid(String.join("; ", problems));
        }
        try {
            store.saveSettings(machineId, sensor, settings, user);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        detection.forget(Set.of(machineId));
        SensorMeta after = sensor(machineId, sensor);
        audit.recordChange("detection_setting", machineId + "/" + sensor, meta.stored(), after.stored());
        return after;
    }

    public MachineRules machineRules(String machineId) {
        try {
            if (!store.machineExists(machineId)) {
                throw Refusal.notFound("No machine " + machineId);
            }
            return store.machineRules(machineId);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @jakarta.transaction.Transactional
    public MachineRules saveMachineRules(String machineId, MachineRules rules, String user) {
        if (!rules.problems().isEmpty()) {
            throw Refusal.invalid(String.join("; ", rules.problems()));
        }
        try {
            if (!store.machineExists(machineId)) {
                throw Refusal.notFound("No machine " + machineId);
            }
            MachineRules before = store.machineRules(machineId);
            store.saveSettings(machineId, "", rules, user);
            MachineRules after = store.machineRules(machineId);
            audit.recordChange("machine_rules", machineId, before, after);
            return after;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Recomputes a sensor's baseline from its running values in the window; the detector starts again with it. */
    @jakarta.transaction.Transactional
    public Baseline recomputeBaseline(String machineId, String sensor, Instant from, Instant to, String user) {
        SensorMeta meta = sensor(machineId, sensor);
        if (!from.isBefore(to)) {
            throw Refusal.invalid("from must be before to");
        }
        try {
            double[] values = store.runningValues(machineId, meta.sensorId(), from, to);
            Baseline b = Baseline.of(values).orElseThrow(() -> Refusal.invalid(
                    "The window holds " + values.length + " running values of " + sensor
                            + " without variation enough for a baseline; choose another window"));
            if (b.samples() < 20) {
                throw Refusal.invalid("The window holds only " + b.samples() + " running values; a baseline needs 20 or more");
            }
            store.saveBaseline(meta.sensorId(), b, from, to, "recomputed by " + user);
            audit.record("RECOMPUTE", "baseline", machineId + "/" + sensor, meta.baseline(), b);
            detection.forget(Set.of(machineId));
            return b;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
