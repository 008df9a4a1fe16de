package mes.oee;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import mes.equipment.domain.MachineState;
import mes.oee.domain.Interval;
import mes.oee.domain.Segment;
import org.junit.jupiter.api.Test;

class ChartColumnsTest {

    private static final Instant T = Instant.parse("2026-11-16T00:00:00Z");

    @Test
    void aWeekOfMinuteLongStatesBecomesAtMostOneRectanglePerPixelWithTheDominantState() {
        List<Segment> week = new ArrayList<>();
        for (int minute = 0; minute < 7 * 24 * 60; minute++) {
            // three minutes running, one minute down: running dominates every column
            MachineState state = minute % 4 == 3 ? MachineState.DOWN : MachineState.RUNNING;
            week.add(new Segment(new Interval(T.plusSeconds(60L * minute), T.plusSeconds(60L * (minute + 1))), state, null));
        }
        Interval window = new Interval(T, T.plusSeconds(7 * 86_400));
        List<Segment> columns = OeeCharts.columns(week, window, 1000);
        assertThat(columns).hasSize(1); // all running, joined into one
        assertThat(columns.get(0).state()).isEqualTo(MachineState.RUNNING);
        assertThat(columns.get(0).period()).isEqualTo(window);
    }

    @Test
    void aLongStopStaysVisibleAndSegmentsWiderThanAPixelAreKept() {
        Interval window = new Interval(T, T.plusSeconds(7 * 86_400));
        List<Segment> segments = List.of(
                new Segment(new Interval(T, T.plusSeconds(86_400)), MachineState.RUNNING, null),
                new Segment(new Interval(T.plusSeconds(86_400), T.plusSeconds(86_400 + 7_200)), MachineState.DOWN, "TOOL_BREAK"),
                new Segment(new Interval(T.plusSeconds(86_400 + 7_200), window.to()), MachineState.RUNNING, null));
        assertThat(OeeCharts.columns(segments, window, 1000)).isSameAs(segments);
        List<Segment> mixed = new ArrayList<>(segments);
        mixed.set(0, new Segment(new Interval(T, T.plusSeconds(30)), MachineState.SETUP, null));
        mixed.add(1, new Segment(new Interval(T.plusSeconds(30), T.plusSeconds(86_400)), MachineState.RUNNING, null));
        List<Segment> columns = OeeCharts.columns(mixed, window, 1000);
        assertThat(columns).extracting(Segment::state).containsExactly(MachineState.RUNNING, MachineState.DOWN, MachineState.RUNNING);
        Segment down = columns.get(1);
        assertThat(down.period().seconds()).isBetween(7_200.0 - 605, 7_200.0 + 605);
    }
}
