package mes.quality.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every rule of release, disposition, CAPA closure and calibration standing. */
class QualityRulesTest {

    private static final ReleaseRule.Current PASS = new ReleaseRule.Current("PASS", false);
    private static final ReleaseRule.Current FAIL = new ReleaseRule.Current("FAIL", false);

    @Test
    void releaseNeedsEveryPlannedCharacteristicPassedOrAConcession() {
        List<ReleaseRule.Blocker> none = ReleaseRule.blockers(List.of("bore", "face"), Map.of("bore", PASS, "face", PASS), List.of(), null,
                List.of());
        assertThat(none).isEmpty();
        assertThat(ReleaseRule.refusal(false, false, false, none, false)).isNull();

        List<ReleaseRule.Blocker> some = ReleaseRule.blockers(List.of("bore", "face", "burr"), Map.of("bore", FAIL, "face", PASS), List.of(),
                null, List.of());
        assertThat(some).containsExactly(new ReleaseRule.Blocker("bore", "failed"), new ReleaseRule.Blocker("burr", "not inspected"));
        assertThat(ReleaseRule.refusal(false, false, false, some, false)).contains("bore failed", "burr not inspected", "concession");
        assertThat(ReleaseRule.refusal(false, false, false, some, true)).isNull();

        // a concession does not override a hold, an open lot, or a release made already
        assertThat(ReleaseRule.refusal(false, true, false, none, true)).contains("on hold");
        assertThat(ReleaseRule.refusal(false, false, true, none, true)).contains("still open");
        assertThat(ReleaseRule.refusal(true, false, false, none, true)).contains("released already");
        // a lot whose part has no control plan has nothing outstanding
        assertThat(ReleaseRule.blockers(List.of(), Map.of(), List.of(), null, List.of())).isEmpty();
    }

    @Test
    void everyKindOfEvidenceThatDoesNotHoldBlocksTheReleaseByName() {
        List<ReleaseRule.Blocker> b = ReleaseRule.blockers(List.of("BORE-42"), Map.of("BORE-42", new ReleaseRule.Current("PASS", true)),
                List.of("RM-7"), "the corrections take 1503 good parts away from 11 counted: -1492 good", List.of("NCR-000004"));
        assertThat(b).extracting(ReleaseRule.Blocker::code).containsExactly("BORE-42", "input lot RM-7", "quantities", "nonconformity NCR-000004");
        assertThat(b.get(0).why()).contains("gauge that was not in calibration");
        String refusal = ReleaseRule.refusal(false, false, false, b, false);
        assertThat(refusal).contains("BORE-42 inspected with a gauge", "input lot RM-7 is on hold", "-1492 good", "NCR-000004 is not closed");
        // a failed inspection is a failure whatever its gauge
        assertThat(ReleaseRule.blockers(List.of("B"), Map.of("B", new ReleaseRule.Current("FAIL", true)), List.of(), null, List.of()))
                .containsExactly(new ReleaseRule.Blocker("B", "failed"));
    }

    @Test
    void aCorrectionThatChangesTheVerdictOrOfASpecialCharacteristicNeedsASecondPerson() {
        assertThat(CorrectionRule.needsSecondPerson(false, "FAIL", "PASS")).isTrue();
        assertThat(CorrectionRule.needsSecondPerson(false, "PASS", "FAIL")).isTrue();
        assertThat(CorrectionRule.needsSecondPerson(true, "PASS", "PASS")).isTrue();
        assertThat(CorrectionRule.needsSecondPerson(false, "PASS", "PASS")).isFalse();
        assertThat(CorrectionRule.refusal("anna", "anna")).contains("second person");
        assertThat(CorrectionRule.refusal("anna", "ben")).isNull();
    }

    @Test
    void dispositionRules() {
        List<String> produced = List.of("PRODUCED");
        List<String> received = List.of("RECEIVED");
        NonconformityStatus open = NonconformityStatus.OPEN;
        assertThat(open.dispositionRefusal(Disposition.USE_AS_IS, " ", produced)).contains("concession");
        assertThat(open.dispositionRefusal(Disposition.USE_AS_IS, "customer deviation D-12", produced)).isNull();
        assertThat(open.dispositionRefusal(Disposition.RETURN_TO_SUPPLIER, null, produced)).contains("supplier");
        assertThat(open.dispositionRefusal(Disposition.RETURN_TO_SUPPLIER, null, List.of("RECEIVED", "PRODUCED"))).contains("supplier");
        assertThat(open.dispositionRefusal(Disposition.RETURN_TO_SUPPLIER, null, received)).isNull();
        assertThat(open.dispositionRefusal(Disposition.REWORK, null, List.of())).contains("lot");
        assertThat(open.dispositionRefusal(Disposition.SCRAP, null, List.of())).isNull();
        assertThat(NonconformityStatus.CLOSED.dispositionRefusal(Disposition.SCRAP, null, produced)).contains("closed");
        // rework failed: another disposition is allowed from REWORK
        assertThat(NonconformityStatus.REWORK.dispositionRefusal(Disposition.SCRAP, null, produced)).isNull();

        assertThat(open.after(Disposition.REWORK)).isEqualTo(NonconformityStatus.REWORK);
        for (Disposition d : List.of(Disposition.USE_AS_IS, Disposition.SCRAP, Disposition.RETURN_TO_SUPPLIER)) {
            assertThat(open.after(d)).isEqualTo(NonconformityStatus.CLOSED);
        }
        assertThat(NonconformityStatus.REWORK.afterReinspection(true)).isEqualTo(NonconformityStatus.CLOSED);
        assertThat(NonconformityStatus.REWORK.afterReinspection(false)).isEqualTo(NonconformityStatus.REWORK);
        assertThat(Disposition.USE_AS_IS.releasesHold()).isTrue();
        assertThat(List.of(Disposition.REWORK, Disposition.SCRAP, Disposition.RETURN_TO_SUPPLIER)).noneMatch(Disposition::releasesHold);
    }

    @Test
    void capaClosesOnlyWithRootCauseDoneActionsAndAnEffectiveCheckAfterThem() {
        Instant t = Instant.parse("2026-11-01T10:00:00Z");
        LocalDate due = LocalDate.parse("2026-11-10");
        CapaRules.Action done = new CapaRules.Action(due, true, t);
        CapaRules.Action open = new CapaRules.Action(due, false, null);
        assertThat(CapaRules.closeRefusal(" ", List.of(done), new CapaRules.Check(true, t.plusSeconds(1)))).contains("root cause");
        assertThat(CapaRules.closeRefusal("worn tool", List.of(), new CapaRules.Check(true, t))).contains("at least one action");
        assertThat(CapaRules.closeRefusal("worn tool", List.of(done, open), new CapaRules.Check(true, t))).contains("1 action is not done");
        assertThat(CapaRules.closeRefusal("worn tool", List.of(done), null)).contains("effectiveness check is missing");
        assertThat(CapaRules.closeRefusal("worn tool", List.of(done), new CapaRules.Check(true, t.minusSeconds(1)))).contains("predates");
        assertThat(CapaRules.closeRefusal("worn tool", List.of(done), new CapaRules.Check(false, t.plusSeconds(1)))).contains("not effective");
        assertThat(CapaRules.closeRefusal("worn tool", List.of(done), new CapaRules.Check(true, t.plusSeconds(1)))).isNull();

        assertThat(CapaRules.overdue(open, LocalDate.parse("2026-11-11"))).isTrue();
        assertThat(CapaRules.overdue(open, due)).isFalse();
        assertThat(CapaRules.overdue(done, LocalDate.parse("2026-12-11"))).isFalse();
    }

    @Test
    void calibrationStanding() {
        Instant cal = Instant.parse("2026-01-01T00:00:00Z");
        Duration warn = Duration.ofDays(14);
        assertThat(CalibrationStatus.of(null, false, 365, cal, warn).status()).isEqualTo(CalibrationStatus.Status.NEVER_CALIBRATED);
        assertThat(CalibrationStatus.of(cal, false, 365, cal, warn).refusesInspection()).isTrue();
        CalibrationStatus valid = CalibrationStatus.of(cal, true, 30, Instant.parse("2026-01-10T00:00:00Z"), warn);
        assertThat(valid.status()).isEqualTo(CalibrationStatus.Status.VALID);
        assertThat(valid.dueAt()).isEqualTo(Instant.parse("2026-01-31T00:00:00Z"));
        assertThat(valid.flagsInspection()).isFalse();
        assertThat(CalibrationStatus.of(cal, true, 30, Instant.parse("2026-01-20T00:00:00Z"), warn).status())
                .isEqualTo(CalibrationStatus.Status.DUE);
        CalibrationStatus overdue = CalibrationStatus.of(cal, true, 30, Instant.parse("2026-01-31T00:00:01Z"), warn);
        assertThat(overdue.status()).isEqualTo(CalibrationStatus.Status.OVERDUE);
        assertThat(overdue.flagsInspection()).isTrue();
        assertThat(overdue.refusesInspection()).isFalse();
    }
}
