package mes.quality.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import mes.quality.domain.InspectionSchedule.Activity;
import mes.quality.domain.InspectionSchedule.Check;
import mes.quality.domain.InspectionSchedule.Facts;
import mes.quality.domain.InspectionSchedule.Occurrence;
import mes.quality.domain.InspectionSchedule.Parts;
import mes.quality.domain.InspectionSchedule.Span;
import mes.quality.domain.InspectionSchedule.Status;
import mes.quality.domain.InspectionSchedule.Trigger;
import mes.quality.domain.InspectionSchedule.Verification;
import org.junit.jupiter.api.Test;

/** When inspections fall due from the stored facts: a shift worked through by hand, minute by minute. */
class InspectionScheduleTest {

    private static final Instant T0 = Instant.parse("2026-12-03T06:00:00Z");
    private static final Duration GRACE = Duration.ofMinutes(10);

    private static Instant at(int minute) {
        return T0.plus(Duration.ofMinutes(minute));
    }

    private static Span span(int from, int to, Activity a) {
        return new Span(at(from), at(to), a);
    }

    private static Check pass(int minute) {
        return new Check(at(minute), true);
    }

    private static Check fail(int minute) {
        return new Check(at(minute), false);
    }

    private static InspectionFrequency only(Boolean firstOff, Integer afterStop, Boolean maintenance, Integer parts, Integer minutes,
            Boolean last) {
        return new InspectionFrequency(firstOff, afterStop, maintenance, parts, minutes, last);
    }

    private static List<Occurrence> run(InspectionFrequency f, Facts facts, int nowMinute) {
        return InspectionSchedule.occurrences(f, facts, at(nowMinute), GRACE);
    }

    // 06:00 start; 06:00-06:20 set-up; run; 07:00-07:45 DOWN (a repair); run; 08:00-08:01 DOWN (minor); run;
    // 09:00-09:20 set-up (changeover of the tool); run to 10:00
    private static final List<Span> MACHINE = List.of(span(0, 20, Activity.SETUP), span(20, 60, Activity.RUNNING),
            span(60, 105, Activity.REPAIR), span(105, 120, Activity.RUNNING), new Span(at(120), at(120).plusSeconds(60), Activity.REPAIR),
            new Span(at(120).plusSeconds(60), at(180), Activity.RUNNING), span(180, 200, Activity.SETUP), span(200, 240, Activity.RUNNING));

    @Test
    void maintenanceThatAsksForAFirstOffInspectionMakesTheNextPieceAFirstPiece() {
        // a maintenance order done at 08:30 on a plan that asks for a first-off inspection (contracts/maintenance.md)
        Facts facts = new Facts(T0, null, MACHINE, List.of(pass(25), pass(150), pass(230)), List.of(), List.of(at(150).minusSeconds(600)));
        assertThat(run(only(true, null, null, null, null, null), facts, 240)).extracting(Occurrence::dueAt, Occurrence::status,
                Occurrence::detail).containsExactly(
                        tuple(at(20), Status.DONE, "after set-up"),
                        tuple(at(140), Status.DONE, "after maintenance"), // met at 08:30, 10 min after: within the grace
                        tuple(at(200), Status.LATE, "after set-up"));
        // the set-up verification starts again at the maintenance: what was made before it was verified, what after it is not yet
        assertThat(InspectionSchedule.lastSetUp(new Facts(T0, null, MACHINE.subList(0, 6), List.of(), List.of(), List.of(at(140))), at(170)))
                .isEqualTo(at(140));
        // maintenance after the window asked about, or before the order, is not this order's
        assertThat(run(only(true, null, null, null, null, null), new Facts(at(25), null, MACHINE, List.of(), List.of(), List.of(at(10),
                at(250))), 240)).extracting(Occurrence::detail).doesNotContain("after maintenance");
    }

    @Test
    void theFirstPieceIsDueAtTheStartAndAfterEverySetUpAndAMissedOneStaysMissed() {
        Facts facts = new Facts(T0, null, MACHINE, List.of(pass(25), pass(230)), List.of());
        assertThat(run(only(true, null, null, null, null, null), facts, 240)).extracting(Occurrence::dueAt, Occurrence::metAt,
                Occurrence::status).containsExactly(
                        tuple(at(20), at(25), Status.DONE), // the order began with a set-up: due at its end, met within the grace
                        tuple(at(200), at(230), Status.LATE)); // the tool changeover: met 30 min after it
        // without a check after the changeover, the first piece of the order is still met, the changeover's is overdue
        assertThat(run(only(true, null, null, null, null, null), new Facts(T0, null, MACHINE, List.of(pass(25)), List.of()), 240))
                .extracting(Occurrence::status).containsExactly(Status.DONE, Status.OVERDUE);
        // a second set-up before the first piece was checked: the first one was missed
        List<Span> twoSetUps = List.of(span(0, 20, Activity.SETUP), span(20, 30, Activity.RUNNING), span(30, 40, Activity.SETUP),
                span(40, 60, Activity.RUNNING));
        assertThat(run(only(true, null, null, null, null, null), new Facts(T0, null, twoSetUps, List.of(pass(45)), List.of()), 60))
                .extracting(Occurrence::dueAt, Occurrence::status).containsExactly(tuple(at(20), Status.MISSED), tuple(at(40), Status.DONE));
        // an order started on a machine already set up: due at its start
        assertThat(run(only(true, null, null, null, null, null), new Facts(at(25), null, MACHINE, List.of(), List.of()), 30))
                .extracting(Occurrence::dueAt, Occurrence::status).containsExactly(tuple(at(25), Status.DUE));
    }

    @Test
    void afterAStopLongerThanNMinutesAndAfterARepairButNotAfterAMinorStop() {
        Facts facts = new Facts(T0, null, MACHINE, List.of(pass(110)), List.of());
        assertThat(run(only(null, 30, null, null, null, null), facts, 240)).extracting(Occurrence::dueAt, Occurrence::status)
                .containsExactly(tuple(at(105), Status.DONE)); // the 45 min stop; the 20 min set-ups and the 1 min stop are shorter
        assertThat(run(only(null, null, true, null, null, null), facts, 240)).extracting(Occurrence::dueAt, Occurrence::status)
                .containsExactly(tuple(at(105), Status.DONE)); // the repair; the 60 s stop is a minor stop
        assertThat(run(only(null, 30, null, null, null, null), new Facts(T0, null, MACHINE, List.of(), List.of()), 240))
                .extracting(Occurrence::status).containsExactly(Status.OVERDUE);
        assertThat(run(only(null, 30, null, null, null, null), new Facts(T0, null, MACHINE, List.of(), List.of()), 110))
                .extracting(Occurrence::status).containsExactly(Status.DUE);
    }

    @Test
    void everyTMinutesRestartsAtEachInspectionAndCountsEveryPeriodLeftOut() {
        InspectionFrequency hourly = only(null, null, null, null, 60, null);
        // checks at 00:40 (early: the clock restarts), 01:45 (met the 01:40 occurrence), then none until 04:00
        Facts facts = new Facts(T0, null, MACHINE, List.of(pass(40), pass(105)), List.of());
        assertThat(run(hourly, facts, 240)).extracting(Occurrence::dueAt, Occurrence::metAt, Occurrence::status).containsExactly(
                tuple(at(100), at(105), Status.DONE), tuple(at(165), null, Status.MISSED), tuple(at(225), null, Status.OVERDUE));
        // the same shift seen at 03:50: the last one is not due yet, the one at 02:45 is overdue
        assertThat(run(hourly, facts, 230)).extracting(Occurrence::dueAt, Occurrence::status)
                .containsExactly(tuple(at(100), Status.DONE), tuple(at(165), Status.MISSED), tuple(at(225), Status.DUE));
    }

    @Test
    void everyNPartsFromTheCountersRestartingAtEachInspection() {
        List<Parts> parts = new ArrayList<>();
        for (int m = 21; m <= 59; m++) {
            parts.add(new Parts(at(m), 5)); // 5 parts a minute: 50 parts by 06:30, 100 by 06:40
        }
        InspectionFrequency every50 = only(null, null, null, 50, null, null);
        Facts facts = new Facts(T0, null, MACHINE, List.of(pass(32)), parts);
        // due at 06:30 (50 parts), met 06:32; the count restarts (a part counted at the same instant as an inspection is
        // counted after it): 50 more by 06:41 (parts at 32..41), missed when the next 50 were reached at 06:51
        // (not reached again: the machine stopped at 06:59)
        assertThat(run(every50, facts, 58)).extracting(Occurrence::dueAt, Occurrence::metAt, Occurrence::status).containsExactly(
                tuple(at(30), at(32), Status.DONE), tuple(at(41), null, Status.MISSED), tuple(at(51), null, Status.DUE));
        assertThat(run(every50, facts, 62)).extracting(Occurrence::status).containsExactly(Status.DONE, Status.MISSED, Status.OVERDUE);
    }

    @Test
    void theLastPieceIsDueWhenTheOrderEndsAndMetByAnInspectionAfterItsLastPart() {
        List<Parts> parts = List.of(new Parts(at(230), 10), new Parts(at(238), 10));
        InspectionFrequency last = only(null, null, null, null, null, true);
        assertThat(run(last, new Facts(T0, at(240), MACHINE, List.of(pass(239)), parts), 300)).extracting(Occurrence::status)
                .containsExactly(Status.DONE);
        assertThat(run(last, new Facts(T0, at(240), MACHINE, List.of(pass(235)), parts), 300)).extracting(Occurrence::status)
                .containsExactly(Status.MISSED); // before the last part: not the last piece
        assertThat(run(last, new Facts(T0, at(240), MACHINE, List.of(), parts), 245)).extracting(Occurrence::status)
                .containsExactly(Status.DUE); // still within the grace after the end
        assertThat(run(last, new Facts(T0, null, MACHINE, List.of(), parts), 245)).isEmpty(); // running: not due yet
    }

    @Test
    void nothingFallsDueWithoutATriggerAndTheOccurrencesComeInTheOrderTheyFellDue() {
        Facts facts = new Facts(T0, null, MACHINE, List.of(), List.of());
        assertThat(run(InspectionFrequency.NONE, facts, 240)).isEmpty();
        assertThat(run(only(true, 30, true, null, 60, null), facts, 240)).extracting(Occurrence::dueAt).isSorted();
        assertThat(run(only(true, 30, true, null, 60, null), facts, 240)).extracting(Occurrence::trigger).contains(Trigger.FIRST_OFF,
                Trigger.AFTER_STOP, Trigger.AFTER_MAINTENANCE, Trigger.EVERY_MINUTES);
    }

    @Test
    void setUpVerificationFromThePassedFirstPieceInspectionsSinceTheLastSetUp() {
        Facts facts = new Facts(T0, null, MACHINE, List.of(), List.of());
        Instant last = InspectionSchedule.lastSetUp(facts, at(240));
        assertThat(last).isEqualTo(at(200));
        assertThat(InspectionSchedule.lastSetUp(facts, at(190))).isEqualTo(at(20)); // the second set-up has not ended yet at 03:10
        assertThat(InspectionSchedule.verification(last, List.of())).isEqualTo(Verification.NOT_REQUIRED);
        assertThat(InspectionSchedule.verification(last, List.of(List.of(pass(25))))).isEqualTo(Verification.UNVERIFIED);
        assertThat(InspectionSchedule.verification(last, List.of(List.of(pass(205)), List.of()))).isEqualTo(Verification.UNVERIFIED);
        assertThat(InspectionSchedule.verification(last, List.of(List.of(pass(205)), List.of(pass(206))))).isEqualTo(Verification.VERIFIED);
        assertThat(InspectionSchedule.verification(last, List.of(List.of(fail(205)), List.of(pass(206))))).isEqualTo(Verification.FAILED);
        assertThat(InspectionSchedule.verification(last, List.of(List.of(fail(205), pass(210)), List.of(pass(206)))))
                .isEqualTo(Verification.VERIFIED);
    }
}
