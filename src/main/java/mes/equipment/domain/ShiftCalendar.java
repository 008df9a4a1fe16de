package mes.equipment.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The weekly shift calendar of a site, in the site's time zone: shifts on days of the week,
 * with breaks (planned downtime), and dated exceptions that replace the day's shifts
 * (a holiday with no shifts, or an extra Saturday shift). A shift whose end is not after its
 * start runs past midnight into the next day. A site without a calendar plans nothing.
 */
public record ShiftCalendar(List<Shift> shifts, List<DateException> exceptions) {

    public ShiftCalendar {
        shifts = shifts == null ? List.of() : List.copyOf(shifts);
        exceptions = exceptions == null ? List.of() : List.copyOf(exceptions);
        Set<String> names = new HashSet<>();
        for (Shift s : shifts) {
            if (s.days().isEmpty()) {
                throw new IllegalArgumentException("shift " + s.name() + ": days are required");
            }
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("shift name '" + s.name() + "' is used twice");
            }
        }
        Set<LocalDate> dates = new HashSet<>();
        for (DateException e : exceptions) {
            if (!dates.add(e.date())) {
                throw new IllegalArgumentException("exception date " + e.date() + " is listed twice");
            }
        }
    }

    /** A shift: the days it starts on, start and end in local time, and its breaks. */
    public record Shift(String name, Set<DayOfWeek> days, LocalTime start, LocalTime end, List<Break> breaks) {

        public Shift {
            if (name == null || name.isBlank() || name.length() > 64) {
                throw new IllegalArgumentException("a shift needs a name of 1-64 characters");
            }
            if (start == null || end == null) {
                throw new IllegalArgumentException("shift " + name + ": start and end are required (HH:mm)");
            }
            if (start.equals(end)) {
                throw new IllegalArgumentException("shift " + name + ": start and end are equal");
            }
            days = days == null ? Set.of() : Set.copyOf(days);
            breaks = breaks == null ? List.of() : List.copyOf(breaks);
            long length = endOffset(start, end);
            List<Break> sorted = breaks.stream()
                    .sorted((a, b) -> Long.compare(offset(start, a.start()), offset(start, b.start())))
                    .toList();
            long previousEnd = 0;
            for (Break b : sorted) {
                long from = offset(start, b.start());
                long to = endOffset(start, b.end());
                if (to > length || to <= from) {
                    throw new IllegalArgumentException("shift " + name + ": break " + b.start() + "-" + b.end()
                            + " does not lie inside the shift " + start + "-" + end);
                }
                if (from < previousEnd) {
                    throw new IllegalArgumentException("shift " + name + ": breaks overlap");
                }
                previousEnd = to;
            }
        }

        /** True when the shift ends on the day after it starts. */
        public boolean crossesMidnight() {
            return !end.isAfter(start);
        }

        /** Nominal length in minutes, ignoring daylight-saving changes. */
        public long minutes() {
            return endOffset(start, end);
        }

        /** Minutes from the shift's start to a local time, in [0, 1440). */
        static long offset(LocalTime shiftStart, LocalTime t) {
            return Math.floorMod(t.toSecondOfDay() - shiftStart.toSecondOfDay(), 86_400) / 60;
        }

        /** Minutes from the shift's start to a local time taken as an end, in (0, 1440]. */
        static long endOffset(LocalTime shiftStart, LocalTime t) {
            long m = offset(shiftStart, t);
            return m == 0 ? 24 * 60 : m;
        }
    }

    /** A break inside a shift, in local time; planned downtime. */
    public record Break(LocalTime start, LocalTime end) {
        public Break {
            if (start == null || end == null) {
                throw new IllegalArgumentException("a break needs start and end (HH:mm)");
            }
        }
    }

    /** A date whose shifts replace the weekly pattern (no shifts: nothing planned that day). */
    public record DateException(LocalDate date, List<Shift> shifts) {
        public DateException {
            if (date == null) {
                throw new IllegalArgumentException("a calendar exception needs a date");
            }
            shifts = shifts == null ? List.of() : List.copyOf(shifts);
        }
    }
}
