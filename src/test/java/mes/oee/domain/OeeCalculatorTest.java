package mes.oee.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import mes.equipment.domain.MachineState;
import mes.equipment.domain.ShiftCalendar;
import org.junit.jupiter.api.Test;

class OeeCalculatorTest {

    static final ZoneId UTC = ZoneOffset.UTC;
    /** Monday 2026-11-23. */
    static final Instant MONDAY = Instant.parse("2026-11-23T00:00:00Z");

    static Instant at(String hhmm) {
        return MONDAY.plusSeconds(LocalTime.parse(hhmm).toSecondOfDay());
    }

    static ShiftCalendar oneShift(String start, String end, String breakStart, String breakEnd) {
        List<ShiftCalendar.Break> breaks = breakStart == null ? List.of()
                : List.of(new ShiftCalendar.Break(LocalTime.parse(breakStart), LocalTime.parse(breakEnd)));
        return new ShiftCalendar(List.of(new ShiftCalendar.Shift("early", EnumSet.allOf(DayOfWeek.class),
                LocalTime.parse(start), LocalTime.parse(end), breaks)), List.of());
    }

    static OeeCalculator.Result compute(ShiftCalendar calendar, ZoneId zone, Interval window, List<StateEvent> events,
            List<Interval> online, List<CounterSample> samples, double pri, List<ManualReason> manual) {
        return OeeCalculator.compute(window, PlannedTime.shifts(calendar, zone, window),
                new MachineTimeline(events, online, manual), samples, pri);
    }

    static StateEvent ev(String hhmm, MachineState s, String reason) {
        return new StateEvent(at(hhmm), s, reason);
    }

    static List<Interval> alwaysOnline() {
        return List.of(new Interval(MONDAY.minusSeconds(86_400), MONDAY.plusSeconds(7 * 86_400)));
    }

    static final Interval SHIFT = new Interval(at("06:00"), at("14:00"));

    /** The worked example of contracts/oee.md. */
    static OeeCalculator.Result workedExample() {
        return compute(oneShift("06:00", "14:00", "10:00", "10:30"), UTC, SHIFT,
                List.of(ev("06:00", MachineState.SETUP, "CHANGEOVER"), ev("06:20", MachineState.RUNNING, null),
                        ev("08:00", MachineState.DOWN, "TOOL_BREAK"), ev("08:35", MachineState.RUNNING, null)),
                alwaysOnline(),
                List.of(new CounterSample(at("06:00"), 0L, 0L), new CounterSample(at("13:59"), 19_600L, 400L)), 1.0, List.of());
    }

    @Test
    void theWorkedExampleOfTheContract() {
        OeeElements e = workedExample().elements();
        assertThat(e.pot()).isEqualTo(480 * 60.0);
        assertThat(e.pdot()).isEqualTo(30 * 60.0);
        assertThat(e.pbt()).isEqualTo(450 * 60.0);
        assertThat(e.apt()).isEqualTo(395 * 60.0);
        assertThat(e.aust()).isEqualTo(20 * 60.0);
        assertThat(e.adot()).isEqualTo(35 * 60.0);
        assertThat(e.pq()).isEqualTo(20_000);
        assertThat(e.gq()).isEqualTo(19_600);
        assertThat(e.availability()).isCloseTo(395.0 / 450, within(1e-9));
        assertThat(e.effectiveness()).isCloseTo(20_000.0 / 23_700, within(1e-9));
        assertThat(e.quality()).isCloseTo(0.98, within(1e-9));
        assertThat(e.oee()).isCloseTo(19_600.0 / 27_000, within(1e-9));
        assertThat(e.availability()).isCloseTo(0.87778, within(5e-6));
        assertThat(e.effectiveness()).isCloseTo(0.84388, within(5e-6));
        assertThat(e.oee()).isCloseTo(0.72593, within(5e-6));
        assertThat(e.flags()).isEmpty();
        assertThat(workedExample().lossByReason()).containsEntry("CHANGEOVER", 1200.0).containsEntry("TOOL_BREAK", 2100.0);
    }

    @Test
    void withoutACalendarNothingIsPlannedAndEveryKpiIsNull() {
        OeeElements e = compute(new ShiftCalendar(List.of(), List.of()), UTC, SHIFT,
                List.of(ev("06:00", MachineState.RUNNING, null)), alwaysOnline(),
                List.of(new CounterSample(at("06:00"), 0L, 0L), new CounterSample(at("07:00"), 100L, 0L)), 1, List.of()).elements();
        assertThat(e.pot()).isZero();
        assertThat(e.pbt()).isZero();
        assertThat(e.pq()).isZero();
        assertThat(e.availability()).isNull();
        assertThat(e.effectiveness()).isNull();
        assertThat(e.quality()).isNull();
        assertThat(e.oee()).isNull();
        assertThat(e.flags()).containsExactly(OeeElements.NOT_SCHEDULED);
    }

    @Test
    void aMachineThatNeverRanHasAvailabilityZeroAndNoEffectiveness() {
        OeeElements e = compute(oneShift("06:00", "14:00", null, null), UTC, SHIFT,
                List.of(ev("05:00", MachineState.DOWN, "HYDRAULIC_FAULT")), alwaysOnline(), List.of(), 2, List.of()).elements();
        assertThat(e.apt()).isZero();
        assertThat(e.adot()).isEqualTo(8 * 3600.0);
        assertThat(e.availability()).isZero();
        assertThat(e.effectiveness()).isNull();
        assertThat(e.quality()).isNull();
        assertThat(e.oee()).isZero();
    }

    @Test
    void effectivenessAboveOneIsReportedAsItIsAndFlagged() {
        OeeElements e = compute(oneShift("06:00", "07:00", null, null), UTC, new Interval(at("06:00"), at("07:00")),
                List.of(ev("06:00", MachineState.RUNNING, null)), alwaysOnline(),
                List.of(new CounterSample(at("06:00"), 0L, 0L), new CounterSample(at("06:59"), 500L, 0L)), 10, List.of()).elements();
        assertThat(e.effectiveness()).isCloseTo(5000.0 / 3600, within(1e-12));
        assertThat(e.flags()).containsExactly(OeeElements.EFFECTIVENESS_ABOVE_ONE);
    }

    @Test
    void aCounterResetCountsTheNewValueAndTheFirstSampleIsOnlyTheBaseline() {
        OeeElements e = compute(oneShift("06:00", "14:00", null, null), UTC, SHIFT,
                List.of(ev("06:00", MachineState.RUNNING, null)), alwaysOnline(),
                List.of(new CounterSample(at("06:10"), 5_000L, 10L), new CounterSample(at("07:00"), 5_100L, 12L),
                        new CounterSample(at("08:00"), 40L, 1L), new CounterSample(at("09:00"), 90L, 1L)), 1, List.of()).elements();
        assertThat(e.gq()).isEqualTo(100 + 40 + 50);
        assertThat(e.sq()).isEqualTo(2 + 1);
        assertThat(e.pq()).isEqualTo(193);
    }

    @Test
    void shuffledAndDuplicatedFactsGiveTheSameFigures() {
        OeeCalculator.Result reference = workedExample();
        List<StateEvent> events = new ArrayList<>(List.of(ev("06:00", MachineState.SETUP, "CHANGEOVER"),
                ev("06:20", MachineState.RUNNING, null), ev("08:00", MachineState.DOWN, "TOOL_BREAK"), ev("08:35", MachineState.RUNNING, null)));
        List<CounterSample> samples = new ArrayList<>(List.of(new CounterSample(at("06:00"), 0L, 0L),
                new CounterSample(at("13:59"), 19_600L, 400L)));
        Collections.reverse(events);
        Collections.reverse(samples);
        OeeCalculator.Result shuffled = compute(oneShift("06:00", "14:00", "10:00", "10:30"), UTC, SHIFT, events, alwaysOnline(),
                samples, 1.0, List.of());
        assertThat(shuffled).isEqualTo(reference);
    }

    @Test
    void aSilentMachineIsOfflineFromItsLastMessagePlusTheTimeoutUntilItsNextMessage() {
        List<Instant> messages = new ArrayList<>();
        for (Instant t = at("06:00"); t.isBefore(at("14:00")); t = t.plusSeconds(10)) {
            if (t.isBefore(at("09:00")) || !t.isBefore(at("10:00"))) {
                messages.add(t);
            }
        }
        List<Interval> online = MachineTimeline.coverage(messages, Duration.ofSeconds(60));
        OeeCalculator.Result r = compute(oneShift("06:00", "14:00", null, null), UTC, SHIFT,
                List.of(ev("06:00", MachineState.RUNNING, null)), online, List.of(), 1, List.of());
        // last message 08:59:50, offline from 09:00:50 until 10:00:00
        assertThat(r.elements().adot()).isEqualTo(3600 - 50);
        assertThat(r.elements().apt()).isEqualTo(8 * 3600 - 3550);
        assertThat(r.lossByReason()).containsEntry("OFFLINE", 3550.0);
        List<Segment> states = new MachineTimeline(List.of(ev("06:00", MachineState.RUNNING, null)), online, List.of()).segments(SHIFT);
        assertThat(states).extracting(Segment::state)
                .containsExactly(MachineState.RUNNING, MachineState.OFFLINE, MachineState.RUNNING);
        assertThat(states.get(1).period()).isEqualTo(new Interval(at("09:00:50"), at("10:00")));
    }

    @Test
    void aBreakInsideAPlannedStopCountsOnce() {
        OeeElements e = compute(oneShift("06:00", "14:00", "10:00", "10:30"), UTC, SHIFT,
                List.of(ev("06:00", MachineState.RUNNING, null), ev("09:30", MachineState.PLANNED_STOP, "MAINTENANCE"),
                        ev("11:00", MachineState.RUNNING, null)), alwaysOnline(), List.of(), 1, List.of()).elements();
        assertThat(e.pdot()).isEqualTo(90 * 60.0);
        assertThat(e.pbt()).isEqualTo(390 * 60.0);
        assertThat(e.apt()).isEqualTo(390 * 60.0);
    }

    @Test
    void overlappingManualReasonsTheLaterEntryWinsAndNothingIsCountedTwice() {
        List<ManualReason> manual = List.of(
                new ManualReason(new Interval(at("08:00"), at("08:30")), "COOLANT_LEAK", at("09:00")),
                new ManualReason(new Interval(at("08:20"), at("08:50")), "SPINDLE_BEARING", at("09:05")));
        OeeCalculator.Result r = compute(oneShift("06:00", "14:00", null, null), UTC, SHIFT,
                List.of(ev("06:00", MachineState.RUNNING, null), ev("08:00", MachineState.DOWN, "UNKNOWN_FAULT"),
                        ev("09:00", MachineState.RUNNING, null)), alwaysOnline(), List.of(), 1, manual);
        assertThat(r.lossByReason()).containsEntry("COOLANT_LEAK", 1200.0).containsEntry("SPINDLE_BEARING", 1800.0)
                .containsEntry("UNKNOWN_FAULT", 600.0);
        assertThat(r.lossByReason().values().stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(r.elements().adot());
    }

    @Test
    void aNightShiftAcrossTheEndOfSummerTimeHasNineHoursAndAcrossItsStartSeven() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        ShiftCalendar night = new ShiftCalendar(List.of(new ShiftCalendar.Shift("night", EnumSet.allOf(DayOfWeek.class),
                LocalTime.of(22, 0), LocalTime.of(6, 0), List.of())), List.of());
        Interval autumn = new Interval(Instant.parse("2026-10-24T12:00:00Z"), Instant.parse("2026-10-25T12:00:00Z"));
        Interval spring = new Interval(Instant.parse("2026-03-28T12:00:00Z"), Instant.parse("2026-03-29T12:00:00Z"));
        List<StateEvent> running = List.of(new StateEvent(Instant.parse("2026-01-01T00:00:00Z"), MachineState.RUNNING, null));
        List<Interval> online = List.of(new Interval(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z")));
        assertThat(OeeCalculator.compute(autumn, PlannedTime.shifts(night, berlin, autumn), new MachineTimeline(running, online, List.of()),
                List.of(), 1).elements().pot()).isEqualTo(9 * 3600.0);
        assertThat(OeeCalculator.compute(spring, PlannedTime.shifts(night, berlin, spring), new MachineTimeline(running, online, List.of()),
                List.of(), 1).elements().pot()).isEqualTo(7 * 3600.0);
    }

    @Test
    void theIdealCycleTimeOfThePartsRoutingIsUsedWhereTheWorkOrderHasOne() {
        List<CounterSample> samples = List.of(new CounterSample(at("06:00"), 0L, 0L, "WO-A"),
                new CounterSample(at("07:00"), 100L, 0L, "WO-A"), // 100 parts of A at 20 s
                new CounterSample(at("08:00"), 150L, 10L, "WO-B"), // 50 + 10 parts of B, no routing: the machine's 30 s
                new CounterSample(at("09:00"), 170L, 10L, null)); // 20 parts, no work order: the machine's 30 s
        OeeElements e = OeeCalculator.compute(SHIFT, PlannedTime.shifts(oneShift("06:00", "14:00", null, null), UTC, SHIFT),
                new MachineTimeline(List.of(ev("06:00", MachineState.RUNNING, null)), alwaysOnline(), List.of()), samples,
                wo -> "WO-A".equals(wo) ? 20.0 : 30.0).elements();
        assertThat(e.priGq()).isEqualTo(100 * 20 + 50 * 30 + 20 * 30);
        assertThat(e.priPq()).isEqualTo(100 * 20 + 60 * 30 + 20 * 30);
        assertThat(e.quality()).isCloseTo((100 * 20 + 70 * 30.0) / (100 * 20 + 80 * 30.0), within(1e-12));
    }

    @Test
    void aDatedExceptionReplacesTheWeeklyShifts() {
        ShiftCalendar calendar = new ShiftCalendar(oneShift("06:00", "14:00", null, null).shifts(), List.of(
                new ShiftCalendar.DateException(java.time.LocalDate.parse("2026-11-23"), List.of()),
                new ShiftCalendar.DateException(java.time.LocalDate.parse("2026-11-24"), List.of(new ShiftCalendar.Shift("extra",
                        Set.of(), LocalTime.of(8, 0), LocalTime.of(10, 0), List.of())))));
        Interval twoDays = new Interval(MONDAY, MONDAY.plusSeconds(2 * 86_400));
        assertThat(PlannedTime.shifts(calendar, UTC, twoDays)).extracting(PlannedTime.ShiftInstance::name).containsExactly("extra");
    }

    /** Property: over random event streams, the time elements add up and OEE = A x E x Q. */
    @Test
    void overRandomStreamsTheElementsAddUpAndOeeIsTheProductOfItsFactors() {
        Random random = new Random(2026);
        MachineState[] states = {MachineState.RUNNING, MachineState.IDLE, MachineState.SETUP, MachineState.DOWN, MachineState.PLANNED_STOP};
        ShiftCalendar calendar = new ShiftCalendar(List.of(
                new ShiftCalendar.Shift("early", EnumSet.allOf(DayOfWeek.class), LocalTime.of(6, 0), LocalTime.of(14, 0),
                        List.of(new ShiftCalendar.Break(LocalTime.of(9, 30), LocalTime.of(10, 0)))),
                new ShiftCalendar.Shift("night", EnumSet.allOf(DayOfWeek.class), LocalTime.of(22, 0), LocalTime.of(6, 0),
                        List.of(new ShiftCalendar.Break(LocalTime.of(2, 0), LocalTime.of(2, 30))))), List.of());
        for (int run = 0; run < 300; run++) {
            Instant start = MONDAY.plusSeconds(random.nextInt(86_400));
            Interval window = new Interval(start, start.plusSeconds(3_600 + random.nextInt(2 * 86_400)));
            List<StateEvent> events = new ArrayList<>();
            List<Instant> messages = new ArrayList<>();
            List<CounterSample> samples = new ArrayList<>();
            long good = random.nextInt(1000);
            long scrap = 0;
            for (Instant t = window.from().minusSeconds(random.nextInt(3600)); t.isBefore(window.to());
                    t = t.plusSeconds(1 + random.nextInt(900))) {
                if (random.nextInt(4) == 0) {
                    events.add(new StateEvent(t, states[random.nextInt(states.length)], random.nextBoolean() ? "R" + random.nextInt(3) : null));
                }
                if (random.nextInt(10) > 0) {
                    messages.add(t);
                }
                good = random.nextInt(50) == 0 ? random.nextInt(5) : good + random.nextInt(20);
                scrap += random.nextInt(3) == 0 ? 1 : 0;
                samples.add(new CounterSample(t, good, scrap));
            }
            Collections.shuffle(events, random);
            OeeCalculator.Result r = OeeCalculator.compute(window, PlannedTime.shifts(calendar, UTC, window),
                    new MachineTimeline(events, MachineTimeline.coverage(messages, Duration.ofSeconds(120)), List.of()),
                    samples, 0.5 + random.nextDouble() * 60);
            OeeElements e = r.elements();
            assertThat(e.apt() + e.aust() + e.adet() + e.adot()).as("run %d", run).isCloseTo(e.pbt(), within(1e-6));
            assertThat(e.pbt() + e.pdot()).isCloseTo(e.pot(), within(1e-6));
            assertThat(e.pq()).isEqualTo(e.gq() + e.sq());
            assertThat(r.lossByReason().values().stream().mapToDouble(Double::doubleValue).sum())
                    .isCloseTo(e.aust() + e.adet() + e.adot(), within(1e-6));
            if (e.availability() != null && e.effectiveness() != null && e.quality() != null) {
                assertThat(e.availability() * e.effectiveness() * e.quality()).isCloseTo(e.oee(), within(1e-12));
            }
        }
    }

    @Test
    void theAggregateWeightsQualityByIdealTimeSoItsOeeIsTheProductOfItsFactors() {
        OeeElements a = new OeeElements(3600, 0, 3600, 3000, 0, 0, 600, 100, 90, 10, 100 * 20, 90 * 20, 10 * 20);
        OeeElements b = new OeeElements(3600, 600, 3000, 2000, 500, 500, 0, 400, 396, 4, 400 * 4, 396 * 4, 4 * 4);
        OeeElements sum = a.plus(b);
        assertThat(sum.availability()).isCloseTo(5000.0 / 6600, within(1e-12));
        assertThat(sum.quality()).isCloseTo((90 * 20 + 396 * 4.0) / (100 * 20 + 400 * 4), within(1e-12));
        assertThat(sum.availability() * sum.effectiveness() * sum.quality()).isCloseTo(sum.oee(), within(1e-12));
        assertThat(sum.oee()).isCloseTo((90 * 20 + 396 * 4.0) / 6600, within(1e-12));
    }
}
