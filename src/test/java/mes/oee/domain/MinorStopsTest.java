package mes.oee.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import mes.equipment.domain.MachineState;
import org.junit.jupiter.api.Test;

/** Minor stops by the machine's threshold, for the Pareto by loss category. */
class MinorStopsTest {

    static final Instant T0 = Instant.parse("2026-12-01T06:00:00Z");

    static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    static Segment down(int from, int to, String reason) {
        return new Segment(new Interval(at(from), at(to)), MachineState.DOWN, reason);
    }

    @Test
    void shortRunsCountInPlannedTimeByTheirReasonsAndLongOnesNot() {
        List<Interval> planned = List.of(new Interval(at(0), at(8 * 3600)));
        List<Interval> breaks = List.of(new Interval(at(4 * 3600), at(4 * 3600 + 1800)));
        Interval window = new Interval(at(0), at(8 * 3600));
        Map<String, Double> minor = MinorStops.lossByReason(List.of(
                down(100, 160, "JAM"), // 60 s: minor
                down(200, 230, "JAM"), down(230, 260, "SENSOR"), // one run of 60 s with two reasons: minor, split by reason
                down(1000, 1200, "TOOL"), // 200 s: not minor
                down(4 * 3600 - 30, 4 * 3600 + 30, null), // 60 s across the break's start: only its planned half is loss
                down(5000, 5119, "JAM"), down(5119, 5300, "JAM")), // contiguous: one run of 300 s, not minor
                window, 120, planned, breaks);
        assertThat(minor).containsExactly(Map.entry("JAM", 90.0), Map.entry("SENSOR", 30.0), Map.entry("DOWN", 30.0));
        // a run of exactly the threshold is not minor (shorter than the threshold is)
        assertThat(MinorStops.lossByReason(List.of(down(100, 220, "JAM")), window, 120, planned, breaks)).isEmpty();
        // a run reaching into the window from before counts with its whole length, the window's part as loss
        assertThat(MinorStops.lossByReason(List.of(down(-50, 40, "JAM")), window, 120, planned, breaks)).containsExactly(Map.entry("JAM", 40.0));
    }
}
