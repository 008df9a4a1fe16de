package mes.equipment;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * This feature's records that the audit trail writes as JSON and no endpoint returns: registered
 * for Jackson's reflection in the native binary (the JVM needs nothing). Each feature lists its
 * own, so the audit trail depends on none of them.
 */
@RegisterForReflection(targets = {
        EquipmentService.SiteSnapshot.class,
        EquipmentService.AreaSnapshot.class,
        EquipmentService.LineSnapshot.class,
        EquipmentService.SensorSnapshot.class,
        EquipmentService.MachineSnapshot.class,
        mes.equipment.domain.ReasonTree.Reason.class})
final class AuditedTypes {

    private AuditedTypes() {
    }
}
