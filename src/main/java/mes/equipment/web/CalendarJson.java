package mes.equipment.web;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import mes.equipment.domain.ShiftCalendar;
import mes.equipment.web.EquipmentBodies.BreakIn;
import mes.equipment.web.EquipmentBodies.CalendarIn;
import mes.equipment.web.EquipmentBodies.ExceptionIn;
import mes.equipment.web.EquipmentBodies.ShiftIn;

/** Converts the calendar of the API (days "MON".."SUN", times "HH:mm") to the domain and back. */
public final class CalendarJson {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private CalendarJson() {
    }

    public static ShiftCalendar toDomain(CalendarIn in) {
        List<ShiftCalendar.Shift> shifts = in.shifts().stream().map(s -> shift(s, true)).toList();
        List<ShiftCalendar.DateException> exceptions = new ArrayList<>();
        if (in.exceptions() != null) {
            for (ExceptionIn e : in.exceptions()) {
                LocalDate date;
                try {
                    date = LocalDate.parse(e.date());
                } catch (DateTimeParseException ex) {
                    throw new IllegalArgumentException("exception date '" + e.date() + "' is not a date (YYYY-MM-DD)");
                }
                List<ShiftIn> list = e.shifts() == null ? List.of() : e.shifts();
                exceptions.add(new ShiftCalendar.DateException(date, list.stream().map(s -> shift(s, false)).toList()));
            }
        }
        return new ShiftCalendar(shifts, exceptions);
    }

    public static CalendarIn fromDomain(ShiftCalendar calendar) {
        return new CalendarIn(
                calendar.shifts().stream().map(CalendarJson::shiftOut).toList(),
                calendar.exceptions().stream()
                        .map(e -> new ExceptionIn(e.date().toString(), e.shifts().stream().map(CalendarJson::shiftOut).toList()))
                        .toList());
    }

    private static ShiftCalendar.Shift shift(ShiftIn s, boolean weekly) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        if (s.days() != null) {
            for (String d : s.days()) {
                days.add(day(s.name(), d));
            }
        }
        if (!weekly && !days.isEmpty()) {
            throw new IllegalArgumentException("shift " + s.name() + " of an exception has a date, not days");
        }
        List<ShiftCalendar.Break> breaks = s.breaks() == null ? List.of()
                : s.breaks().stream().map(b -> new ShiftCalendar.Break(time(s.name(), b.start()), time(s.name(), b.end()))).toList();
        return new ShiftCalendar.Shift(s.name(), days, time(s.name(), s.start()), time(s.name(), s.end()), breaks);
    }

    private static ShiftIn shiftOut(ShiftCalendar.Shift s) {
        List<String> days = s.days().stream().sorted().map(d -> d.name().substring(0, 3)).toList();
        return new ShiftIn(s.name(), days.isEmpty() ? null : days, s.start().format(HH_MM), s.end().format(HH_MM),
                s.breaks().stream().map(b -> new BreakIn(b.start().format(HH_MM), b.end().format(HH_MM))).toList());
    }

    private static DayOfWeek day(String shift, String d) {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().substring(0, 3).equals(d.toUpperCase(Locale.ROOT))) {
                return day;
            }
        }
        throw new IllegalArgumentException("shift " + shift + ": day '" + d + "' is not one of MON, TUE, WED, THU, FRI, SAT, SUN");
    }

    private static LocalTime time(String shift, String t) {
        try {
            return LocalTime.parse(t, HH_MM);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("shift " + shift + ": time '" + t + "' is not HH:mm");
        }
    }
}
