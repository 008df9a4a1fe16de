package mes.maintenance.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** contracts/maintenance.md's preventive maintenance: due at N since the last completion, overdue beyond N plus the tolerance. */
class PlanStandingTest {

    static final Instant T0 = Instant.parse("2026-11-02T06:00:00Z");

    static Instant at(double hours) {
        return T0.plusMillis((long) (hours * 3_600_000));
    }

    static Usage running(double fromHours, double toHours) {
        return new Usage(at(fromHours), at(toHours), toHours - fromHours);
    }

    @Test
    void daysFallDueOnTheCalendarAndAreOverdueBeyondTheTolerance() {
        // every 7 days, 10 %: due at day 7, overdue after day 7.7
        PlanStanding before = PlanStanding.of(PlanTrigger.DAYS, 7, 10, T0, List.of(), T0.plus(Duration.ofDays(6)));
        assertThat(before.state()).isEqualTo(PlanStanding.State.NOT_DUE);
        assertThat(before.dueAt()).isEqualTo(T0.plus(Duration.ofDays(7)));
        assertThat(before.overdueAt()).isEqualTo(T0.plus(Duration.ofHours(7 * 24 + 16)).plus(Duration.ofMinutes(48)));
        assertThat(before.measure()).isCloseTo(6, within(1e-9));
        assertThat(PlanStanding.of(PlanTrigger.DAYS, 7, 10, T0, List.of(), T0.plus(Duration.ofDays(7))).state())
                .isEqualTo(PlanStanding.State.DUE);
        assertThat(PlanStanding.of(PlanTrigger.DAYS, 7, 10, T0, List.of(), before.overdueAt()).state()).isEqualTo(PlanStanding.State.DUE);
        assertThat(PlanStanding.of(PlanTrigger.DAYS, 7, 10, T0, List.of(), before.overdueAt().plusNanos(1)).state())
                .isEqualTo(PlanStanding.State.OVERDUE);
    }

    @Test
    void runHoursCountOnlyTheRunningTimeAndFallDueInsideARun() {
        // running 06:00-08:00, stopped 08:00-09:00, running 09:00-12:00: 4 run hours are reached at 11:00, 4.4 at 11:24
        List<Usage> use = List.of(running(0, 2), running(3, 6));
        PlanStanding s = PlanStanding.of(PlanTrigger.RUN_HOURS, 4, 10, T0, use, at(6));
        assertThat(s.measure()).isCloseTo(5, within(1e-9));
        assertThat(s.dueAt()).isEqualTo(at(5));
        assertThat(Duration.between(at(5.4), s.overdueAt()).abs()).isLessThan(Duration.ofNanos(2));
        assertThat(s.state()).isEqualTo(PlanStanding.State.OVERDUE);
        // asked at 10:30 (the run going on then): 3.5 h, not due yet, and neither moment known
        PlanStanding earlier = PlanStanding.of(PlanTrigger.RUN_HOURS, 4, 10, T0, use, at(4.5));
        assertThat(earlier.measure()).isCloseTo(3.5, within(1e-9));
        assertThat(earlier.state()).isEqualTo(PlanStanding.State.NOT_DUE);
        assertThat(earlier.dueAt()).isNull();
        assertThat(earlier.overdueAt()).isNull();
    }

    @Test
    void useBeforeTheLastCompletionDoesNotCount() {
        // done at 07:00: of the run 06:00-08:00 only its second hour counts
        PlanStanding s = PlanStanding.of(PlanTrigger.RUN_HOURS, 4, 10, at(1), List.of(running(0, 2), running(3, 6)), at(6));
        assertThat(s.measure()).isCloseTo(4, within(1e-9));
        assertThat(s.state()).isEqualTo(PlanStanding.State.DUE);
        assertThat(s.dueAt()).isEqualTo(at(6));
    }

    @Test
    void cyclesFallDueAtTheIncrementThatReachesN() {
        List<Usage> use = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            use.add(Usage.at(at(i * 0.5), 10)); // 10 parts every half hour
        }
        PlanStanding s = PlanStanding.of(PlanTrigger.CYCLES, 100, 10, T0, use, at(7));
        assertThat(s.measure()).isEqualTo(120);
        assertThat(s.dueAt()).isEqualTo(at(5)); // the 10th increment makes 100
        assertThat(s.overdueAt()).isEqualTo(at(6)); // 110 is not beyond 110; 120 is
        assertThat(s.state()).isEqualTo(PlanStanding.State.OVERDUE);
        // the increment at the moment asked for is not in yet: [since, now)
        assertThat(PlanStanding.of(PlanTrigger.CYCLES, 100, 10, T0, use, at(5)).state()).isEqualTo(PlanStanding.State.NOT_DUE);
    }

    @Test
    void aCompletionIsWithinToleranceUpToNPlusTheToleranceInclusive() {
        assertThat(PlanStanding.withinTolerance(110, 100, 10)).isTrue();
        assertThat(PlanStanding.withinTolerance(110.0001, 100, 10)).isFalse();
        assertThat(PlanStanding.withinTolerance(20, 100, 10)).isTrue(); // early is within
        assertThat(PlanStanding.withinTolerance(100, 100, 0)).isTrue();
    }

    @Test
    void theStandingDoesNotDependOnTheOrderOfTheFactsAndTheMeasureAddsUp() {
        Random random = new Random(23);
        for (int round = 0; round < 200; round++) {
            List<Usage> use = new ArrayList<>();
            double t = 0;
            for (int i = 0; i < 1 + random.nextInt(30); i++) {
                t += random.nextDouble();
                if (random.nextBoolean()) {
                    double end = t + random.nextDouble() * 3;
                    use.add(running(t, end));
                    t = end;
                } else {
                    use.add(Usage.at(at(t), random.nextInt(50)));
                }
            }
            double every = 0.5 + random.nextDouble() * 20;
            double tolerance = random.nextInt(30);
            Instant since = at(random.nextDouble() * 2);
            Instant now = at(t + random.nextDouble());
            PlanStanding s = PlanStanding.of(PlanTrigger.RUN_HOURS, every, tolerance, since, use, now);
            List<Usage> shuffled = new ArrayList<>(use);
            Collections.shuffle(shuffled, random);
            assertThat(PlanStanding.of(PlanTrigger.RUN_HOURS, every, tolerance, since, shuffled, now)).isEqualTo(s);
            Instant split = at(random.nextDouble() * t);
            if (split.isAfter(since) && split.isBefore(now)) {
                assertThat(PlanStanding.measure(use, since, split) + PlanStanding.measure(use, split, now))
                        .isCloseTo(s.measure(), within(1e-9));
            }
            if (s.dueAt() != null) {
                // at the moment it fell due, the measure is N (intervals) or has just reached it (increments)
                assertThat(PlanStanding.measure(use, since, s.dueAt())).isLessThanOrEqualTo(every + 1e-6);
                assertThat(PlanStanding.measure(use, since, s.dueAt().plusNanos(1))).isGreaterThanOrEqualTo(every - 1e-6);
                assertThat(s.overdueAt() == null || !s.overdueAt().isBefore(s.dueAt())).isTrue();
            } else {
                assertThat(s.measure()).isLessThan(every);
            }
        }
    }

    @Test
    void complianceIsTheTasksDoneWithinToleranceOverThoseThatFellDueInThePeriod() {
        Instant from = T0;
        Instant to = at(24);
        Compliance c = Compliance.of(List.of(
                new Compliance.Task(at(1), true, true),
                new Compliance.Task(at(2), true, false),
                new Compliance.Task(at(3), false, false),
                new Compliance.Task(at(4), false, true),
                new Compliance.Task(at(-1), true, true), // fell due before the period
                new Compliance.Task(to, true, true)), // at its end: the next period's
                from, to);
        assertThat(c).isEqualTo(new Compliance(4, 1, 1, 1, 1, 0.25));
        assertThat(Compliance.of(List.of(), from, to).compliance()).isNull();
    }
}
