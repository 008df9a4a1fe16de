package mes.oee.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mes.equipment.domain.ShiftCalendar;

/**
 * The shift calendar unrolled into real time: every shift that overlaps a window, with its
 * breaks, in the site's time zone. Times are local wall-clock times, so a shift across a
 * daylight-saving change lasts 7 or 9 hours of real time. A local time that does not exist (the
 * spring gap) moves forward by the gap; an ambiguous one (the autumn overlap) takes the earlier
 * offset.
 */
public final class PlannedTime {

    /** One shift on one date, and its breaks, in real time. */
    public record ShiftInstance(String name, LocalDate date, Interval span, List<Interval> breaks) {
    }

    private PlannedTime() {
    }

    /** The shifts that overlap the window, in order of start (not clipped). */
    public static List<ShiftInstance> shifts(ShiftCalendar calendar, ZoneId zone, Interval window) {
        Map<LocalDate, List<ShiftCalendar.Shift>> exceptions = new HashMap<>();
        calendar.exceptions().forEach(e -> exceptions.put(e.date(), e.shifts()));
        LocalDate first = LocalDate.ofInstant(window.from(), zone).minusDays(1);
        LocalDate last = LocalDate.ofInstant(window.to(), zone);
        List<ShiftInstance> out = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            final LocalDate d = day;
            List<ShiftCalendar.Shift> shifts = exceptions.containsKey(d) ? exceptions.get(d)
                    : calendar.shifts().stream().filter(s -> s.days().contains(d.getDayOfWeek())).toList();
            for (ShiftCalendar.Shift s : shifts) {
                Interval span = new Interval(at(d, s.start(), zone), at(s.crossesMidnight() ? d.plusDays(1) : d, s.end(), zone));
                if (span.intersect(window) == null) {
                    continue;
                }
                List<Interval> breaks = new ArrayList<>();
                for (ShiftCalendar.Break b : s.breaks()) {
                    // a break before the shift's start time of day lies after midnight (night shifts)
                    LocalDate startDate = b.start().isBefore(s.start()) ? d.plusDays(1) : d;
                    LocalDate endDate = b.end().isAfter(b.start()) ? startDate : startDate.plusDays(1);
                    Instant from = at(startDate, b.start(), zone);
                    Instant to = at(endDate, b.end(), zone);
                    if (from.isBefore(to)) {
                        breaks.add(new Interval(from, to));
                    }
                }
                out.add(new ShiftInstance(s.name(), d, span, List.copyOf(breaks)));
            }
        }
        out.sort((a, b) -> a.span().compareTo(b.span()));
        return out;
    }

    /**
     * The shifts from a moment on (a machine's commissioning, contracts/oee.md): a shift that
     * ended before it is gone, one that holds it starts there, with its breaks cut alike. From
     * null (never commissioned) nothing is planned.
     */
    public static List<ShiftInstance> from(Instant start, List<ShiftInstance> shifts) {
        if (start == null) {
            return List.of();
        }
        List<ShiftInstance> out = new ArrayList<>(shifts.size());
        for (ShiftInstance s : shifts) {
            if (!s.span().from().isBefore(start)) {
                out.add(s);
            } else if (s.span().to().isAfter(start)) {
                Interval span = new Interval(start, s.span().to());
                List<Interval> breaks = new ArrayList<>();
                for (Interval b : s.breaks()) {
                    Interval cut = b.intersect(span);
                    if (cut != null) {
                        breaks.add(cut);
                    }
                }
                out.add(new ShiftInstance(s.name(), s.date(), span, List.copyOf(breaks)));
            }
        }
        return out;
    }

    private static Instant at(LocalDate date, LocalTime time, ZoneId zone) {
        return ZonedDateTime.of(date, time, zone).toInstant();
    }
}
