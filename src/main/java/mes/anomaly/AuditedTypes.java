package mes.anomaly;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * This feature's records that the audit trail writes as JSON and no endpoint returns: registered
 * for Jackson's reflection in the native binary (the JVM needs nothing). Each feature lists its
 * own, so the audit trail depends on none of them.
 */
@RegisterForReflection(targets = {
        mes.anomaly.persistence.AlertStore.Alert.class,
        mes.anomaly.domain.Severity.class,
        mes.anomaly.domain.MachineRules.class,
        mes.anomaly.domain.Baseline.class,
        mes.anomaly.domain.DetectionSettings.class})
final class AuditedTypes {

    private AuditedTypes() {
    }
}
