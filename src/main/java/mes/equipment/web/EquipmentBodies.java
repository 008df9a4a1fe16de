package mes.equipment.web;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON bodies of the equipment API (contracts/api.md), in and out. */
public final class EquipmentBodies {

    private EquipmentBodies() {
    }

    public record SiteIn(@NotBlank @Size(max = 200) String name, @NotBlank String timeZone) {
    }

    @RegisterForReflection // written from a Response entity
    public record SiteOut(String id, String name, String timeZone) {
    }

    public record AreaIn(@NotBlank @Size(max = 200) String name, @NotBlank String siteId) {
    }

    @RegisterForReflection
    public record AreaOut(String id, String name, String siteId) {
    }

    public record LineIn(@NotBlank @Size(max = 200) String name, @NotBlank String areaId) {
    }

    @RegisterForReflection
    public record LineOut(String id, String name, String areaId) {
    }

    @RegisterForReflection
    public record SensorIn(@Size(max = 32) String unit, Double lsl, Double usl, Double target) {
    }

    public record MachineIn(
            @NotBlank @Size(max = 200) String name,
            @NotBlank String lineId,
            @Size(max = 64) String kind,
            @NotNull @Positive Double idealCycleTimeSeconds,
            @Min(1) @Max(86_400) Integer heartbeatTimeoutSeconds,
            @Min(0) @Max(86_400) Integer microStopSeconds,
            @Size(max = 256) Map<String, @Valid SensorIn> sensors,
            Instant commissionedAt) {
    }

    /** A machine with its sensors and what it is doing now ({@code state} may be OFFLINE). */
    @RegisterForReflection
    public record MachineOut(String id, String name, String lineId, String kind, double idealCycleTimeSeconds,
            int heartbeatTimeoutSeconds, int microStopSeconds, Map<String, SensorIn> sensors, String state, String reason,
            Instant stateSince, Instant commissionedAt) {
    }

    public record BreakIn(@NotBlank String start, @NotBlank String end) {
    }

    public record ShiftIn(@NotBlank @Size(max = 64) String name, List<@NotBlank String> days,
            @NotBlank String start, @NotBlank String end, List<@Valid @NotNull BreakIn> breaks) {
    }

    public record ExceptionIn(@NotBlank String date, List<@Valid @NotNull ShiftIn> shifts) {
    }

    /** One downtime reason code (contracts/maintenance.md); {@code category} may be left to the parent. */
    @RegisterForReflection
    public record ReasonIn(@NotBlank @Size(max = 64) String code, @NotBlank @Size(max = 200) String name, String category,
            @Size(max = 64) String parent) {
    }

    @RegisterForReflection
    public record ReasonsIn(@NotNull @Size(max = 500) List<@Valid @NotNull ReasonIn> reasons) {
    }

    public record CalendarIn(@NotNull List<@Valid @NotNull ShiftIn> shifts,
            List<@Valid @NotNull ExceptionIn> exceptions) {
    }
}
