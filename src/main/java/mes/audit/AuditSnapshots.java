package mes.audit;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The records the audit trail writes as JSON that no endpoint returns: registered for Jackson's
 * reflection in the native binary (the JVM needs nothing).
 */
@RegisterForReflection(targets = {
        mes.equipment.EquipmentService.SiteSnapshot.class,
        mes.equipment.EquipmentService.AreaSnapshot.class,
        mes.equipment.EquipmentService.LineSnapshot.class,
        mes.equipment.EquipmentService.SensorSnapshot.class,
        mes.equipment.EquipmentService.MachineSnapshot.class,
        mes.production.WorkOrderService.Snapshot.class,
        mes.production.WorkOrderService.Correction.class,
        mes.production.LotService.Snapshot.class,
        mes.production.LotService.Consumption.class,
        mes.production.PartService.PartView.class,
        mes.production.PartService.Operation.class,
        mes.security.UserService.UserView.class,
        mes.anomaly.persistence.AlertStore.Alert.class,
        mes.anomaly.domain.Severity.class,
        mes.anomaly.domain.MachineRules.class,
        mes.anomaly.domain.Baseline.class,
        mes.anomaly.domain.DetectionSettings.class,
        mes.oee.persistence.OeeFacts.ReasonEntry.class,
        mes.quality.ControlPlanService.CharacteristicView.class,
        mes.quality.GaugeService.GaugeView.class,
        mes.quality.GaugeService.Calibration.class,
        mes.quality.InspectionService.InspectionView.class,
        mes.quality.ReleaseService.Release.class,
        mes.quality.NonconformityService.View.class,
        mes.quality.CapaService.View.class,
        mes.quality.CapaService.ActionView.class,
        mes.quality.CapaService.Check.class,
        mes.quality.domain.CalibrationStatus.Status.class,
        mes.quality.domain.Disposition.class,
        mes.quality.domain.NonconformityStatus.class})
public final class AuditSnapshots {

    private AuditSnapshots() {
    }
}
