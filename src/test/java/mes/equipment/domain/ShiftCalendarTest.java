package mes.equipment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShiftCalendarTest {

    private static ShiftCalendar.Shift shift(String name, String start, String end, ShiftCalendar.Break... breaks) {
        return new ShiftCalendar.Shift(name, Set.of(DayOfWeek.MONDAY), LocalTime.parse(start), LocalTime.parse(end),
                List.of(breaks));
    }

    private static ShiftCalendar.Break pause(String start, String end) {
        return new ShiftCalendar.Break(LocalTime.parse(start), LocalTime.parse(end));
    }

    @Test
    void aShiftWhoseEndIsBeforeItsStartRunsPastMidnight() {
        ShiftCalendar.Shift night = shift("night", "22:00", "06:00", pause("02:00", "02:30"));
        assertThat(night.crossesMidnight()).isTrue();
        assertThat(night.minutes()).isEqualTo(480);
        assertThat(shift("early", "06:00", "14:00").crossesMidnight()).isFalse();
    }

    @Test
    void aBreakMayStartWithTheShiftAndEndWithIt() {
        assertThat(shift("s", "06:00", "14:00", pause("06:00", "06:15"), pause("13:45", "14:00")).breaks()).hasSize(2);
        assertThat(shift("n", "22:00", "06:00", pause("23:30", "00:15")).breaks()).hasSize(1);
    }

    @Test
    void aBreakOutsideItsShiftIsRefused() {
        assertThatThrownBy(() -> shift("early", "06:00", "14:00", pause("15:00", "15:30")))
                .hasMessageContaining("break 15:00-15:30 does not lie inside the shift 06:00-14:00");
        assertThatThrownBy(() -> shift("early", "06:00", "14:00", pause("13:45", "14:15")))
                .hasMessageContaining("does not lie inside");
    }

    @Test
    void overlappingBreaksAreRefused() {
        assertThatThrownBy(() -> shift("early", "06:00", "14:00", pause("09:00", "09:30"), pause("09:15", "09:45")))
                .hasMessageContaining("breaks overlap");
    }

    @Test
    void aShiftOfZeroLengthIsRefused() {
        assertThatThrownBy(() -> shift("x", "06:00", "06:00")).hasMessageContaining("start and end are equal");
    }

    @Test
    void weeklyShiftsNeedDaysAndUniqueNames() {
        ShiftCalendar.Shift noDays = new ShiftCalendar.Shift("x", Set.of(), LocalTime.NOON, LocalTime.MIDNIGHT, List.of());
        assertThatThrownBy(() -> new ShiftCalendar(List.of(noDays), List.of())).hasMessageContaining("days are required");
        assertThatThrownBy(() -> new ShiftCalendar(List.of(shift("a", "06:00", "14:00"), shift("a", "14:00", "22:00")), List.of()))
                .hasMessageContaining("used twice");
    }

    @Test
    void anExceptionDateMayBeListedOnce() {
        LocalDate christmas = LocalDate.parse("2026-12-25");
        assertThatThrownBy(() -> new ShiftCalendar(List.of(), List.of(
                new ShiftCalendar.DateException(christmas, List.of()),
                new ShiftCalendar.DateException(christmas, List.of()))))
                .hasMessageContaining("2026-12-25 is listed twice");
    }
}
