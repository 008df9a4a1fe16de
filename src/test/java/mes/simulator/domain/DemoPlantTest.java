package mes.simulator.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import mes.equipment.domain.MachineDefinition;
import org.junit.jupiter.api.Test;

class DemoPlantTest {

    @Test
    void thePlantHasAtLeast54MachinesOfEveryKindWithUniqueIds() {
        assertThat(DemoPlant.MACHINES).hasSizeGreaterThanOrEqualTo(54);
        Set<String> ids = DemoPlant.MACHINES.stream().map(MachineDefinition::id).collect(Collectors.toSet());
        assertThat(ids).hasSameSizeAs(DemoPlant.MACHINES);
        Set<MachineKind> kinds = DemoPlant.MACHINES.stream().map(DemoPlant::kindOf).collect(Collectors.toSet());
        assertThat(kinds).containsExactlyInAnyOrder(MachineKind.values());
    }

    @Test
    void everyMachineStandsOnALineOfTheSiteAndEverySensorHasUnitLimitsAndTarget() {
        Set<String> lines = DemoPlant.LINES_OF_PLANT.stream().map(DemoPlant.Line::id).collect(Collectors.toSet());
        Set<String> areas = DemoPlant.AREAS.stream().map(DemoPlant.Area::id).collect(Collectors.toSet());
        assertThat(DemoPlant.LINES_OF_PLANT).allSatisfy(l -> assertThat(areas).contains(l.areaId()));
        assertThat(DemoPlant.MACHINES).allSatisfy(m -> {
            assertThat(lines).contains(m.lineId());
            assertThat(m.sensors()).isNotEmpty();
            assertThat(m.sensors().values()).allSatisfy(s -> {
                assertThat(s.unit()).isNotBlank();
                assertThat(s.lsl()).isNotNull();
                assertThat(s.usl()).isNotNull();
                assertThat(s.target()).isBetween(s.lsl(), s.usl());
            });
        });
    }

    @Test
    void theCalendarHasThreeShiftsMondayToFridayWithBreaks() {
        assertThat(DemoPlant.CALENDAR.shifts()).hasSize(3).allSatisfy(s -> {
            assertThat(s.days()).containsExactlyInAnyOrder(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                    DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
            assertThat(s.breaks()).isNotEmpty();
            assertThat(s.minutes()).isEqualTo(480);
        });
        assertThat(DemoPlant.CALENDAR.shifts().stream().filter(s -> s.crossesMidnight()).count()).isEqualTo(1);
        assertThat(new HashSet<>(Arrays.asList(java.time.ZoneId.of(DemoPlant.SITE.timeZone())))).hasSize(1);
    }

    @Test
    void theDemoSitesReasonTreeClassifiesEveryCodeItsMachinesSend() {
        java.util.List<String> sent = new java.util.ArrayList<>(MachineSimulation.DOWN_REASONS);
        sent.addAll(MachineSimulation.IDLE_REASONS);
        assertThat(sent).allSatisfy(code ->
                assertThat(DemoPlant.DOWNTIME_REASONS.classifies(code)).as(code).isTrue());
    }
}
