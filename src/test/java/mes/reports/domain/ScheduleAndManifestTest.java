package mes.reports.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScheduleAndManifestTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final LocalTime SIX = LocalTime.of(6, 0);

    @Test
    void periodsStartAtTheProductionDaysStartInThePlantsZone() {
        Period day = ReportType.DAILY.periodOf(LocalDate.parse("2026-11-25"), SIX, BERLIN);
        assertThat(day.from()).isEqualTo(Instant.parse("2026-11-25T05:00:00Z")); // CET = UTC+1
        assertThat(day.to()).isEqualTo(Instant.parse("2026-11-26T05:00:00Z"));
        Period week = ReportType.WEEKLY.periodOf(LocalDate.parse("2026-11-25"), SIX, BERLIN); // a Wednesday
        assertThat(week.firstDay()).isEqualTo(LocalDate.parse("2026-11-23"));
        assertThat(week.to()).isEqualTo(Instant.parse("2026-11-30T05:00:00Z"));
        // the month of the change to summer time is an hour shorter
        Period march = ReportType.MONTHLY.periodOf(LocalDate.parse("2026-03-15"), SIX, BERLIN);
        assertThat(Duration.between(march.from(), march.to())).isEqualTo(Duration.ofDays(31).minusHours(1));
        assertThat(ReportType.DAILY.previous(day, SIX, BERLIN).firstDay()).isEqualTo(LocalDate.parse("2026-11-24"));
    }

    @Test
    void dueAreTheEndedPeriodsAfterTheDelaySinceTheStartOldestFirst() {
        // Thursday 26 Nov 2026 07:00 Berlin; the night shift's day ended at 06:00, the delay is 30 min
        Instant now = Instant.parse("2026-11-26T06:00:00Z");
        Instant since = Instant.parse("2026-11-23T12:00:00Z");
        List<Period> due = Schedule.due(now, BERLIN, SIX, Duration.ofMinutes(30), since);
        assertThat(due).extracting(p -> p.type() + " " + p.firstDay()).containsExactly(
                "DAILY 2026-11-23", "DAILY 2026-11-24", "DAILY 2026-11-25");
        // at 06:20 Berlin the day of the 25th is not due yet
        assertThat(Schedule.due(Instant.parse("2026-11-26T05:20:00Z"), BERLIN, SIX, Duration.ofMinutes(30), since))
                .extracting(p -> p.firstDay().toString()).containsExactly("2026-11-23", "2026-11-24");
        // a week later: the dailies, the week of the 23rd; on 1 Dec also November
        List<Period> later = Schedule.due(Instant.parse("2026-12-01T06:00:00Z"), BERLIN, SIX, Duration.ofMinutes(30), since);
        assertThat(later).filteredOn(p -> p.type() == ReportType.WEEKLY).extracting(Period::firstDay)
                .containsExactly(LocalDate.parse("2026-11-23"));
        assertThat(later).filteredOn(p -> p.type() == ReportType.MONTHLY).extracting(Period::firstDay)
                .containsExactly(LocalDate.parse("2026-11-01"));
        assertThat(later).filteredOn(p -> p.type() == ReportType.DAILY).hasSize(8);
        assertThat(later).isSortedAccordingTo(java.util.Comparator.comparing(Period::to));
    }

    @Test
    void theManifestIsSha256sumTextAndFindsAChangedMissingOrExtraFile() {
        Map<String, byte[]> files = Map.of("report.html", "<html/>".getBytes(StandardCharsets.UTF_8), "data.csv",
                "a,b\n".getBytes(StandardCharsets.UTF_8));
        Manifest m = Manifest.of(files);
        // printf 'a,b\n' | sha256sum; printf '<html/>' | sha256sum
        assertThat(m.text()).isEqualTo("""
                5be08c9684a1d25efcee09318204824278b08bbfb4aef973ffefd0b9d7478313  data.csv
                8397912ada2760dca34d1adb644cf54fc5c8d05d0ad56b4a6f99096b03ac8431  report.html
                """);
        assertThat(Manifest.parse(m.text())).isEqualTo(m);
        assertThat(m.check(files)).allMatch(Manifest.Check::ok);
        Map<String, byte[]> changed = new java.util.HashMap<>(files);
        changed.put("data.csv", "a,c\n".getBytes(StandardCharsets.UTF_8));
        assertThat(m.check(changed)).filteredOn(c -> !c.ok()).extracting(Manifest.Check::name).containsExactly("data.csv");
        assertThat(m.check(Map.of("data.csv", files.get("data.csv")))).filteredOn(c -> !c.ok()).extracting(Manifest.Check::found)
                .containsExactly((String) null);
        Map<String, byte[]> extra = new java.util.HashMap<>(files);
        extra.put("evil.html", new byte[] {1});
        assertThat(m.check(extra)).filteredOn(c -> !c.ok()).extracting(Manifest.Check::name).containsExactly("evil.html");
    }
}
