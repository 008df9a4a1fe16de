package mes.reports.domain;

import java.time.Instant;
import java.time.LocalDate;

/** One report period [from, to); {@code firstDay} is its first production day, which names it. */
public record Period(ReportType type, Instant from, Instant to, LocalDate firstDay) {

    public Period {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("a period ends after it starts");
        }
    }
}
