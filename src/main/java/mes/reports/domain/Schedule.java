package mes.reports.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Which scheduled reports are due: every period of every type that has ended at least
 * {@code delay} ago (the night shift's figures are in), that ended after {@code since} (nothing
 * before the plant's records began, and no further back than the catch-up horizon), oldest first.
 * Reports missed while the application was down are simply periods still due.
 */
public final class Schedule {

    private Schedule() {
    }

    public static List<Period> due(Instant now, ZoneId zone, LocalTime dayStart, Duration delay, Instant since) {
        List<Period> out = new ArrayList<>();
        Instant ready = now.minus(delay);
        for (ReportType type : ReportType.values()) {
            List<Period> ofType = new ArrayList<>();
            Period p = type.periodOf(ready.atZone(zone).toLocalDate(), dayStart, zone);
            while (p.to().isAfter(ready)) {
                p = type.previous(p, dayStart, zone); // the period containing `ready` has not ended yet
            }
            while (p.to().isAfter(since)) {
                ofType.add(p);
                p = type.previous(p, dayStart, zone);
            }
            Collections.reverse(ofType);
            out.addAll(ofType);
        }
        out.sort(java.util.Comparator.comparing(Period::to).thenComparing(Period::type));
        return out;
    }
}
