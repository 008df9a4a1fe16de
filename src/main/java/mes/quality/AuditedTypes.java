package mes.quality;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * This feature's records that the audit trail writes as JSON and no endpoint returns: registered
 * for Jackson's reflection in the native binary (the JVM needs nothing). Each feature lists its
 * own, so the audit trail depends on none of them.
 */
@RegisterForReflection(targets = {
        ControlPlanService.CharacteristicView.class,
        GaugeService.GaugeView.class,
        GaugeService.Calibration.class,
        InspectionService.InspectionView.class,
        ReleaseService.Release.class,
        NonconformityService.View.class,
        CapaService.View.class,
        CapaService.ActionView.class,
        CapaService.Check.class,
        mes.quality.domain.CalibrationStatus.Status.class,
        mes.quality.domain.Disposition.class,
        mes.quality.domain.NonconformityStatus.class})
final class AuditedTypes {

    private AuditedTypes() {
    }
}
