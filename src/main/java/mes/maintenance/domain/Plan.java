package mes.maintenance.domain;

import java.time.Instant;

/** A preventive maintenance plan of one machine (contracts/maintenance.md). */
public record Plan(long id, String machineId, String title, String instructions, PlanTrigger trigger, double every,
        double tolerancePercent, Instant startsAt, boolean firstOffRequired, boolean active, String createdBy, Instant createdAt) {
}
