package mes.maintenance.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import mes.equipment.domain.LossCategory;
import mes.equipment.domain.MachineState;
import mes.equipment.domain.ReasonTree;
import mes.equipment.domain.ShiftCalendar;
import mes.oee.domain.Interval;
import mes.oee.domain.MachineTimeline;
import mes.oee.domain.ManualReason;
import mes.oee.domain.OeeCalculator;
import mes.oee.domain.PlannedTime;
import mes.oee.domain.StateEvent;
import org.junit.jupiter.api.Test;

/** Stops, failures, MTBF and MTTR as contracts/maintenance.md defines them, on timelines built by hand. */
class MaintenanceFiguresTest {

    static final Instant MONDAY = Instant.parse("2026-11-23T00:00:00Z");
    static final Interval SHIFT = new Interval(at("06:00"), at("14:00"));
    static final ReasonTree TREE = new ReasonTree(List.of(
            new ReasonTree.Reason("TOOL_BREAK", "Tool break", LossCategory.BREAKDOWN, null),
            new ReasonTree.Reason("NO_MATERIAL", "No material", LossCategory.MATERIAL, null)));

    static Instant at(String hhmm) {
        return MONDAY.plusSeconds(LocalTime.parse(hhmm).toSecondOfDay());
    }

    static StateEvent ev(String hhmm, MachineState s, String reason) {
        return new StateEvent(at(hhmm), s, reason);
    }

    static MachineTimeline timeline(List<StateEvent> events, List<ManualReason> manual) {
        List<StateEvent> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(3)); // arrival order does not matter
        return new MachineTimeline(shuffled, List.of(new Interval(MONDAY, MONDAY.plusSeconds(86_400))), manual);
    }

    /** The messages of the contract's worked example (heartbeats throughout: online all day). */
    static final List<StateEvent> WORKED = List.of(ev("06:00", MachineState.RUNNING, null), ev("07:00", MachineState.DOWN, "TOOL_BREAK"),
            ev("07:20", MachineState.RUNNING, null), ev("08:00", MachineState.DOWN, "NO_MATERIAL"), ev("08:30", MachineState.RUNNING, null),
            ev("09:00", MachineState.DOWN, "TOOL_BREAK"), ev("09:01", MachineState.RUNNING, null), ev("11:00", MachineState.DOWN, "SPINDLE_X"),
            ev("11:40", MachineState.RUNNING, null));

    static double apt(MachineTimeline t, Interval window) {
        ShiftCalendar calendar = new ShiftCalendar(List.of(new ShiftCalendar.Shift("early", EnumSet.allOf(DayOfWeek.class),
                LocalTime.parse("06:00"), LocalTime.parse("14:00"),
                List.of(new ShiftCalendar.Break(LocalTime.parse("10:00"), LocalTime.parse("10:30"))))), List.of());
        return OeeCalculator.compute(window, PlannedTime.shifts(calendar, ZoneOffset.UTC, window), t, List.of(), 1.0)
                .elements().apt();
    }

    @Test
    void theWorkedExampleOfTheContract() {
        MachineTimeline t = timeline(WORKED, List.of());
        List<Stop> stops = StopFinder.find(t::segments, SHIFT, at("20:00"));
        assertThat(stops).hasSize(4);
        MaintenanceFigures f = MaintenanceFigures.of(stops, TREE, 120, apt(t, SHIFT));
        assertThat(f.minorStops()).isEqualTo(1);
        assertThat(f.failures()).isEqualTo(2);
        assertThat(f.failureSeconds()).isEqualTo(3_600.0);
        assertThat(f.apt()).isEqualTo(359 * 60.0);
        assertThat(f.mttr()).isEqualTo(1_800.0);
        assertThat(f.mtbf()).isEqualTo(10_770.0);
        assertThat(f.flags()).isEmpty();
    }

    @Test
    void anAnsweredMaintenanceCallSplitsAFailuresTimeIntoResponseAndRepair() {
        MachineTimeline t = timeline(WORKED, List.of());
        List<Stop> stops = StopFinder.find(t::segments, SHIFT, at("20:00"));
        // the 07:00 tool break was answered at 07:05; the 11:00 one at 11:30 and again at 11:35 (the first answer counts);
        // answers outside a failure (06:30, during the 08:00 material stop, during the 09:00 minor stop) split nothing
        MaintenanceFigures f = MaintenanceFigures.of(stops, TREE, 120, apt(t, SHIFT),
                List.of(at("11:35"), at("06:30"), at("07:05"), at("08:10"), at("11:30"), at("09:00")));
        assertThat(f.answeredFailures()).isEqualTo(2);
        assertThat(f.responseSeconds()).isEqualTo(5 * 60 + 30 * 60.0);
        assertThat(f.repairSeconds()).isEqualTo(15 * 60 + 10 * 60.0);
        assertThat(f.meanResponse() + f.meanRepair()).isEqualTo(f.mttr());
        // summed like the other figures; without answers, nothing to split
        MaintenanceFigures none = MaintenanceFigures.of(stops, TREE, 120, 0);
        assertThat(none.meanResponse()).isNull();
        assertThat(f.plus(none).answeredFailures()).isEqualTo(2);
        assertThat(f.plus(none).failures()).isEqualTo(4);
    }

    @Test
    void aStopKeepsTheReasonAtItsStartAndAnOperatorsEntryWins() {
        // DOWN with a second reason inside is one stop; the operator recodes the 11:00 stop as missing material
        List<StateEvent> events = new ArrayList<>(WORKED);
        events.add(ev("07:10", MachineState.DOWN, "NO_MATERIAL"));
        List<ManualReason> manual = List.of(new ManualReason(new Interval(at("11:00"), at("11:40")), "NO_MATERIAL", at("12:00")));
        MachineTimeline t = timeline(events, manual);
        List<Stop> stops = StopFinder.find(t::segments, SHIFT, at("20:00"));
        assertThat(stops).extracting(Stop::reason).containsExactly("TOOL_BREAK", "NO_MATERIAL", "TOOL_BREAK", "NO_MATERIAL");
        assertThat(stops.get(0).period()).isEqualTo(new Interval(at("07:00"), at("07:20")));
        MaintenanceFigures f = MaintenanceFigures.of(stops, TREE, 120, apt(t, SHIFT));
        assertThat(f.failures()).isEqualTo(1);
        assertThat(f.mttr()).isEqualTo(1_200.0);
    }

    @Test
    void aFailureThatGoesOnPastTheWindowCountsWholeAndOneGoingOnNowIsFlagged() {
        MachineTimeline t = timeline(WORKED, List.of());
        // the window ends at 11:10, inside the 11:00-11:40 failure: it counts with its 40 minutes
        Interval window = new Interval(at("06:00"), at("11:10"));
        MaintenanceFigures f = MaintenanceFigures.of(StopFinder.find(t::segments, window, at("20:00")), TREE, 120, apt(t, window));
        assertThat(f.failures()).isEqualTo(2);
        assertThat(f.failureSeconds()).isEqualTo(1_200.0 + 2_400.0);
        assertThat(f.flags()).isEmpty();
        // asked at 11:30, the same failure is still going on: it counts up to now
        MaintenanceFigures now = MaintenanceFigures.of(StopFinder.find(t::segments, SHIFT, at("11:30")), TREE, 120, 0);
        assertThat(now.failureSeconds()).isEqualTo(1_200.0 + 1_800.0);
        assertThat(now.flags()).containsExactly("FAILURE_ONGOING");
        // a window that ended before now, with the failure still going on now: followed to now, flagged
        MaintenanceFigures past = MaintenanceFigures.of(StopFinder.find(t::segments, window, at("11:30")), TREE, 120, 0);
        assertThat(past.failureSeconds()).isEqualTo(1_200.0 + 1_800.0);
        assertThat(past.flags()).containsExactly("FAILURE_ONGOING");
        // a window that starts inside a stop does not count it: it belongs to the window it started in
        Interval late = new Interval(at("11:10"), at("14:00"));
        assertThat(StopFinder.find(t::segments, late, at("20:00"))).isEmpty();
    }

    @Test
    void noFailuresGivesNullKpisAndAFlag() {
        MachineTimeline t = timeline(List.of(ev("06:00", MachineState.RUNNING, null), ev("08:00", MachineState.DOWN, "NO_MATERIAL"),
                ev("08:30", MachineState.RUNNING, null)), List.of());
        MaintenanceFigures f = MaintenanceFigures.of(StopFinder.find(t::segments, SHIFT, at("20:00")), TREE, 120, apt(t, SHIFT));
        assertThat(f.failures()).isZero();
        assertThat(f.mtbf()).isNull();
        assertThat(f.mttr()).isNull();
        assertThat(f.flags()).containsExactly("NO_FAILURES");
    }

    @Test
    void anUnclassifiedOrMissingReasonIsABreakdownAndAThresholdOfZeroMakesNoMinorStops() {
        MachineTimeline t = timeline(List.of(ev("06:00", MachineState.RUNNING, null), ev("07:00", MachineState.DOWN, null),
                ev("07:01", MachineState.RUNNING, null)), List.of());
        List<Stop> stops = StopFinder.find(t::segments, SHIFT, at("20:00"));
        assertThat(MaintenanceFigures.of(stops, TREE, 120, 0).minorStops()).isEqualTo(1);
        assertThat(MaintenanceFigures.of(stops, TREE, 0, 0).failures()).isEqualTo(1);
        assertThat(MaintenanceFigures.of(stops, ReasonTree.EMPTY, 59, 0).failures()).isEqualTo(1);
    }

    /**
     * Property: stops are counted in the window they start in, with their whole duration, so the
     * failures, minor stops and failure time of two adjacent windows add up to those of their union,
     * wherever the split falls (inside a stop too), for random timelines.
     */
    @Test
    void adjacentWindowsAddUpToTheirUnion() {
        Random random = new Random(42);
        MachineState[] states = {MachineState.RUNNING, MachineState.DOWN, MachineState.DOWN, MachineState.IDLE, MachineState.SETUP};
        String[] reasons = {"TOOL_BREAK", "NO_MATERIAL", "SPINDLE_X", null};
        for (int run = 0; run < 200; run++) {
            List<StateEvent> events = new ArrayList<>();
            Instant ts = at("05:00");
            while (ts.isBefore(at("15:00"))) {
                MachineState s = states[random.nextInt(states.length)];
                events.add(new StateEvent(ts, s, s == MachineState.DOWN ? reasons[random.nextInt(reasons.length)] : null));
                ts = ts.plusSeconds(1 + random.nextInt(900));
            }
            MachineTimeline t = timeline(events, List.of());
            Instant split = at("06:00").plusSeconds(random.nextInt(8 * 3600));
            Instant now = at("13:00").plusSeconds(random.nextInt(4 * 3600));
            MaintenanceFigures whole = MaintenanceFigures.of(StopFinder.find(t::segments, SHIFT, now), TREE, 120, 0);
            MaintenanceFigures parts = MaintenanceFigures.of(StopFinder.find(t::segments, new Interval(SHIFT.from(), split), now), TREE, 120, 0)
                    .plus(MaintenanceFigures.of(StopFinder.find(t::segments, new Interval(split, SHIFT.to()), now), TREE, 120, 0));
            assertThat(parts.failures()).as("run %d", run).isEqualTo(whole.failures());
            assertThat(parts.minorStops()).as("run %d", run).isEqualTo(whole.minorStops());
            assertThat(parts.failureSeconds()).as("run %d", run).isEqualTo(whole.failureSeconds());
        }
    }

    @Test
    void aStopLongerThanOneFollowingStepIsFollowedToItsEnd() {
        MachineTimeline t = new MachineTimeline(List.of(ev("06:00", MachineState.RUNNING, null), ev("07:00", MachineState.DOWN, "TOOL_BREAK"),
                new StateEvent(at("07:00").plus(StopFinder.FOLLOW_STEP.multipliedBy(2)).plusSeconds(60), MachineState.RUNNING, null)),
                List.of(new Interval(MONDAY, MONDAY.plusSeconds(30 * 86_400))), List.of());
        List<Stop> stops = StopFinder.find(t::segments, SHIFT, MONDAY.plusSeconds(29 * 86_400));
        assertThat(stops).singleElement().satisfies(s -> {
            assertThat(s.seconds()).isEqualTo(StopFinder.FOLLOW_STEP.multipliedBy(2).toSeconds() + 60.0);
            assertThat(s.ongoing()).isFalse();
        });
    }
}
