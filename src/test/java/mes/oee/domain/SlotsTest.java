package mes.oee.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import mes.equipment.domain.MachineState;
import mes.equipment.domain.ShiftCalendar;
import mes.oee.domain.OeeCalculator.Output;
import mes.oee.domain.OeeCalculator.Result;
import org.junit.jupiter.api.Test;

class SlotsTest {

    /** Monday 2026-10-19, the week before the end of summer time in Berlin. */
    static final Instant MONDAY = Instant.parse("2026-10-19T00:00:00Z");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** Shifts with breaks on and off the quarter hours, one ending off them, a night shift across the DST change. */
    static final ShiftCalendar CALENDAR = new ShiftCalendar(List.of(
            new ShiftCalendar.Shift("early", EnumSet.allOf(DayOfWeek.class), LocalTime.of(6, 0), LocalTime.of(14, 0),
                    List.of(new ShiftCalendar.Break(LocalTime.of(9, 10), LocalTime.of(9, 40)))),
            new ShiftCalendar.Shift("late", EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(14, 0), LocalTime.of(21, 50),
                    List.of(new ShiftCalendar.Break(LocalTime.of(18, 0), LocalTime.of(18, 30)))),
            new ShiftCalendar.Shift("night", EnumSet.allOf(DayOfWeek.class), LocalTime.of(22, 0), LocalTime.of(6, 0),
                    List.of(new ShiftCalendar.Break(LocalTime.of(2, 5), LocalTime.of(2, 20))))), List.of());

    @Test
    void aWindowSplitsIntoEndedWhollyPlannedSlotsBreakTimeAndRawPiecesThatTogetherAreItsPlannedTime() {
        Interval window = new Interval(Instant.parse("2026-10-19T07:07:00Z"), Instant.parse("2026-10-20T01:00:00Z"));
        List<PlannedTime.ShiftInstance> shifts = PlannedTime.shifts(CALENDAR, BERLIN, window);
        Instant endedBy = Instant.parse("2026-10-19T23:40:00Z");
        Slots.Plan plan = Slots.plan(window, shifts, endedBy);

        double planned = 0;
        for (Interval p : MachineTimeline.merge(shifts.stream().map(PlannedTime.ShiftInstance::span).toList())) {
            Interval i = p.intersect(window);
            planned += i == null ? 0 : i.seconds();
        }
        double raw = plan.raw().stream().mapToDouble(Interval::seconds).sum();
        assertThat(plan.slots().size() * 900.0 + plan.breakSeconds() + raw).isEqualTo(planned);
        // breaks (summer time, UTC+2): 07:10-07:40 and 16:00-16:30 UTC, and the night's 00:05-00:20 UTC
        assertThat(plan.breakSeconds()).isEqualTo(30 * 60 + 30 * 60 + 15 * 60);
        assertThat(plan.slots()).doesNotContain(Instant.parse("2026-10-19T07:00:00Z"), Instant.parse("2026-10-19T07:15:00Z"),
                Instant.parse("2026-10-19T07:30:00Z"), Instant.parse("2026-10-19T16:00:00Z"), Instant.parse("2026-10-19T19:45:00Z"),
                Instant.parse("2026-10-19T23:30:00Z"), Instant.parse("2026-10-19T23:45:00Z"));
        assertThat(plan.slots()).contains(Instant.parse("2026-10-19T07:45:00Z"), Instant.parse("2026-10-19T19:30:00Z"),
                Instant.parse("2026-10-19T23:15:00Z"));
        assertThat(plan.slots()).allMatch(s -> !Slots.of(s).to().isAfter(endedBy) && window.intersect(Slots.of(s)).equals(Slots.of(s)));
        // 07:07-07:10 and 07:40-07:45 before and after the break; 19:45-19:50 before the late shift ends; from 23:30 not ended
        assertThat(plan.raw()).contains(new Interval(Instant.parse("2026-10-19T07:07:00Z"), Instant.parse("2026-10-19T07:10:00Z")),
                new Interval(Instant.parse("2026-10-19T07:40:00Z"), Instant.parse("2026-10-19T07:45:00Z")),
                new Interval(Instant.parse("2026-10-19T19:45:00Z"), Instant.parse("2026-10-19T19:50:00Z")),
                new Interval(Instant.parse("2026-10-19T23:30:00Z"), Instant.parse("2026-10-20T00:05:00Z")));
    }

    /**
     * Property: over random facts, windows and calendars, the rollups of the ended wholly planned
     * slots plus break time plus the raw pieces equal the raw computation over the window.
     */
    @Test
    void rollupsPlusBreaksPlusRawPiecesEqualTheRawComputationOverRandomStreams() {
        Random random = new Random(22400);
        MachineState[] states = {MachineState.RUNNING, MachineState.RUNNING, MachineState.IDLE, MachineState.SETUP,
            MachineState.DOWN, MachineState.PLANNED_STOP};
        String[] orders = {null, "WO-1", "WO-2"};
        for (int run = 0; run < 150; run++) {
            Instant start = MONDAY.plusSeconds(random.nextInt(6 * 86_400));
            Interval window = new Interval(start, start.plusSeconds(900 + random.nextInt(2 * 86_400)));
            List<StateEvent> events = new ArrayList<>();
            List<Instant> messages = new ArrayList<>();
            List<CounterSample> samples = new ArrayList<>();
            long good = random.nextInt(1000);
            long scrap = 0;
            for (Instant t = window.from().minusSeconds(random.nextInt(7200)); t.isBefore(window.to().plusSeconds(600));
                    t = t.plusSeconds(1 + random.nextInt(400))) {
                if (random.nextInt(5) == 0) {
                    events.add(new StateEvent(t, states[random.nextInt(states.length)], random.nextBoolean() ? "R" + random.nextInt(3) : null));
                }
                if (random.nextInt(12) > 0) {
                    messages.add(t);
                }
                good = random.nextInt(60) == 0 ? random.nextInt(5) : good + random.nextInt(20);
                scrap += random.nextInt(3) == 0 ? 1 : 0;
                samples.add(new CounterSample(t, random.nextInt(20) == 0 ? null : good, scrap, orders[random.nextInt(orders.length)]));
            }
            List<ManualReason> manual = new ArrayList<>();
            for (int k = random.nextInt(4); k > 0; k--) {
                Instant from = window.from().plusSeconds(random.nextInt((int) Math.max(1, window.duration().toSeconds())));
                manual.add(new ManualReason(new Interval(from, from.plusSeconds(60 + random.nextInt(7200))), "M" + k,
                        MONDAY.plusSeconds(random.nextInt(1000))));
            }
            MachineTimeline timeline = new MachineTimeline(events, MachineTimeline.coverage(messages, Duration.ofSeconds(120)), manual);
            CounterIncrements increments = CounterIncrements.of(samples);
            double machinePri = 0.5 + random.nextDouble() * 60;
            java.util.function.ToDoubleFunction<String> pri = wo -> "WO-1".equals(wo) ? 12.5 : machinePri;
            List<PlannedTime.ShiftInstance> shifts = PlannedTime.shifts(CALENDAR, BERLIN, window);

            Result direct = OeeCalculator.compute(window, shifts, timeline, samples, pri);

            Instant endedBy = window.from().plusSeconds(random.nextInt((int) window.duration().toSeconds() + 3600));
            Slots.Plan plan = Slots.plan(window, shifts, endedBy);
            List<Result> parts = new ArrayList<>();
            parts.add(sum(plan.slots().stream().map(s -> Slots.rollup(s, timeline, increments)).toList()).result(pri));
            parts.add(Slots.breaks(plan.breakSeconds()));
            plan.raw().forEach(p -> parts.add(OeeCalculator.compute(p, shifts, timeline, increments, pri)));
            Result viaSlots = Slots.sum(parts);

            assertSame(direct, viaSlots, "run " + run);
        }
    }

    /** What the database does when it sums stored rollups. */
    static Slots.Sum sum(List<Slots.Rollup> rollups) {
        double pdot = 0;
        double apt = 0;
        double aust = 0;
        double adet = 0;
        double adot = 0;
        Map<String, Double> loss = new LinkedHashMap<>();
        Map<String, Output> output = new LinkedHashMap<>();
        for (Slots.Rollup r : rollups) {
            pdot += r.pdot();
            apt += r.apt();
            aust += r.aust();
            adet += r.adet();
            adot += r.adot();
            r.lossByReason().forEach((k, v) -> loss.merge(k, v, Double::sum));
            r.outputByWorkOrder().forEach((k, v) -> output.merge(k, v, Output::plus));
        }
        return new Slots.Sum(rollups.size(), pdot, apt, aust, adet, adot, loss, output);
    }

    static void assertSame(Result expected, Result actual, String what) {
        OeeElements e = expected.elements();
        OeeElements a = actual.elements();
        assertThat(a.pot()).as(what + " POT").isCloseTo(e.pot(), within(1e-6));
        assertThat(a.pdot()).as(what + " PDOT").isCloseTo(e.pdot(), within(1e-6));
        assertThat(a.pbt()).as(what + " PBT").isCloseTo(e.pbt(), within(1e-6));
        assertThat(a.apt()).as(what + " APT").isCloseTo(e.apt(), within(1e-6));
        assertThat(a.aust()).as(what + " AUST").isCloseTo(e.aust(), within(1e-6));
        assertThat(a.adet()).as(what + " ADET").isCloseTo(e.adet(), within(1e-6));
        assertThat(a.adot()).as(what + " ADOT").isCloseTo(e.adot(), within(1e-6));
        assertThat(a.gq()).as(what + " GQ").isEqualTo(e.gq());
        assertThat(a.sq()).as(what + " SQ").isEqualTo(e.sq());
        assertThat(a.priGq()).as(what + " PRIxGQ").isCloseTo(e.priGq(), within(1e-6));
        assertThat(a.priSq()).as(what + " PRIxSQ").isCloseTo(e.priSq(), within(1e-6));
        assertThat(actual.lossByReason().keySet()).as(what + " reasons").isEqualTo(expected.lossByReason().keySet());
        expected.lossByReason().forEach((k, v) -> assertThat(actual.lossByReason().get(k)).as(what + " " + k).isCloseTo(v, within(1e-6)));
    }
}
