package mes.reports.domain;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

/**
 * The report periods, in the plant's time zone, starting at the production day's start (the
 * morning shift): a production day, a week from Monday, a month from the 1st.
 */
public enum ReportType {
    DAILY, WEEKLY, MONTHLY;

    /** The period of this type that contains the production day {@code day}. */
    public Period periodOf(LocalDate day, LocalTime dayStart, ZoneId zone) {
        LocalDate first = switch (this) {
            case DAILY -> day;
            case WEEKLY -> day.with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
            case MONTHLY -> day.withDayOfMonth(1);
        };
        LocalDate next = switch (this) {
            case DAILY -> first.plusDays(1);
            case WEEKLY -> first.plusWeeks(1);
            case MONTHLY -> first.plusMonths(1);
        };
        return new Period(this, ZonedDateTime.of(first, dayStart, zone).toInstant(), ZonedDateTime.of(next, dayStart, zone).toInstant(), first);
    }

    /** The period just before this one. */
    public Period previous(Period p, LocalTime dayStart, ZoneId zone) {
        return periodOf(p.firstDay().minusDays(1), dayStart, zone);
    }

    public static ReportType parse(String s) {
        if (s == null) {
            throw new IllegalArgumentException("type is required: daily, weekly or monthly");
        }
        try {
            return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("type must be daily, weekly or monthly, not '" + s + "'");
        }
    }
}
