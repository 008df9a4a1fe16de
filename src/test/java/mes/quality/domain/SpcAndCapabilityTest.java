package mes.quality.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Chart limits and capability indices against values worked out by hand (the working is in the comments). */
class SpcAndCapabilityTest {

    private static final double EPS = 1e-6;

    // Four subgroups of two: (10, 12) (11, 11) (9, 12) (12, 13).
    // Means 11, 11, 10.5, 12.5 -> X-double-bar = 45 / 4 = 11.25. Ranges 2, 0, 3, 1 -> R-bar = 6 / 4 = 1.5.
    // X-bar limits 11.25 +- A2(2) * R-bar = 11.25 +- 1.880 * 1.5 = 11.25 +- 2.82 -> 8.43 and 14.07.
    // R limits: D3(2) * 1.5 = 0 and D4(2) * 1.5 = 3.267 * 1.5 = 4.9005.
    private static final List<double[]> PAIRS = List.of(new double[] {10, 12}, new double[] {11, 11}, new double[] {9, 12},
            new double[] {12, 13});

    @Test
    void xbarAndRangeLimitsOfSubgroupsOfTwo() {
        ControlChart.Pair pair = ControlChart.Pair.of(PAIRS);
        assertThat(pair.location().kind()).isEqualTo(ControlChart.Kind.XBAR);
        assertThat(pair.location().centre()).isCloseTo(11.25, within(EPS));
        assertThat(pair.location().ucl()).isCloseTo(14.07, within(EPS));
        assertThat(pair.location().lcl()).isCloseTo(8.43, within(EPS));
        assertThat(pair.location().points()).extracting(ControlChart.Point::value).containsExactly(11.0, 11.0, 10.5, 12.5);
        assertThat(pair.dispersion().centre()).isCloseTo(1.5, within(EPS));
        assertThat(pair.dispersion().ucl()).isCloseTo(4.9005, within(EPS));
        assertThat(pair.dispersion().lcl()).isZero();
        assertThat(pair.location().violations() + pair.dispersion().violations()).isZero();
    }

    @Test
    void capabilityFromRangesAndFromTheOverallDeviation() {
        // sigma within = R-bar / d2(2) = 1.5 / 1.128 = 1.3297872.
        // LSL 8, USL 14: Cp = 6 / (6 * 1.3297872) = 1.128 / 1.5 = 0.752;
        // Cpk = min(14 - 11.25, 11.25 - 8) / (3 * 1.3297872) = 2.75 * 1.128 / 4.5 = 0.6893333.
        // Overall: deviations from 11.25 are -1.25 .75 -.25 -.25 -2.25 .75 .75 1.75, squares sum 11.5,
        // s = sqrt(11.5 / 7) = 1.2817399; Pp = 6 / (6 s) = 0.7801895; Ppk = 2.75 / (3 s) = 0.7151737.
        Capability c = Capability.of(PAIRS, new Spec(8.0, 14.0));
        assertThat(c.values()).isEqualTo(8);
        assertThat(c.mean()).isCloseTo(11.25, within(EPS));
        assertThat(c.sigmaWithin()).isCloseTo(1.3297872, within(EPS));
        assertThat(c.sigmaOverall()).isCloseTo(1.2817399, within(EPS));
        assertThat(c.cp()).isCloseTo(0.752, within(EPS));
        assertThat(c.cpk()).isCloseTo(0.6893333, within(EPS));
        assertThat(c.pp()).isCloseTo(0.7801895, within(EPS));
        assertThat(c.ppk()).isCloseTo(0.7151737, within(EPS));
        assertThat(c.meets(1.33, 1.67)).isFalse();
        assertThat(c.meets(0.6, 0.7)).isTrue();
    }

    // Individual values 5, 7, 6, 9, 8: mean 35 / 5 = 7; moving ranges 2, 1, 3, 1 -> MR-bar = 7 / 4 = 1.75.
    // I limits 7 +- 2.66 * 1.75 = 7 +- 4.655 -> 2.345 and 11.655; MR upper limit 3.267 * 1.75 = 5.71725.
    private static final List<double[]> SINGLES = List.of(new double[] {5}, new double[] {7}, new double[] {6}, new double[] {9},
            new double[] {8});

    @Test
    void individualsAndMovingRangeLimits() {
        ControlChart.Pair pair = ControlChart.Pair.of(SINGLES);
        assertThat(pair.location().kind()).isEqualTo(ControlChart.Kind.INDIVIDUALS);
        assertThat(pair.location().centre()).isCloseTo(7, within(EPS));
        assertThat(pair.location().ucl()).isCloseTo(11.655, within(EPS));
        assertThat(pair.location().lcl()).isCloseTo(2.345, within(EPS));
        assertThat(pair.dispersion().kind()).isEqualTo(ControlChart.Kind.MOVING_RANGE);
        assertThat(pair.dispersion().points()).extracting(ControlChart.Point::index).containsExactly(1, 2, 3, 4);
        assertThat(pair.dispersion().points()).extracting(ControlChart.Point::value).containsExactly(2.0, 1.0, 3.0, 1.0);
        assertThat(pair.dispersion().ucl()).isCloseTo(5.71725, within(EPS));
    }

    @Test
    void capabilityOfIndividualsAndOfAOneSidedTolerance() {
        // sigma within = 1.75 / 1.128 = 1.5514184; LSL 2, USL 12:
        // Cp = 10 / (6 * 1.5514184) = 11.28 / 10.5 = 1.0742857; both sides 5 away, so Cpk = Cp.
        // s: deviations -2 0 -1 2 1, squares 10, s = sqrt(10 / 4) = 1.5811388; Pp = Ppk = 10 / (6 s) = 1.0540926.
        Capability c = Capability.of(SINGLES, new Spec(2.0, 12.0));
        assertThat(c.cp()).isCloseTo(1.0742857, within(EPS));
        assertThat(c.cpk()).isCloseTo(1.0742857, within(EPS));
        assertThat(c.pp()).isCloseTo(1.0540926, within(EPS));
        assertThat(c.ppk()).isCloseTo(1.0540926, within(EPS));
        // only an upper limit of 12: Cp and Pp are undefined, Cpk = (12 - 7) / (3 * 1.5514184) = 1.0742857
        Capability upper = Capability.of(SINGLES, new Spec(null, 12.0));
        assertThat(upper.cp()).isNull();
        assertThat(upper.pp()).isNull();
        assertThat(upper.cpk()).isCloseTo(1.0742857, within(EPS));
        // and only a lower limit of 4: Cpk = (7 - 4) / 4.6542553 = 0.6445714
        assertThat(Capability.of(SINGLES, new Spec(4.0, null)).cpk()).isCloseTo(3 * 1.128 / 5.25, within(EPS));
    }

    @Test
    void runRulesMarkThePointsThatCompleteAPattern() {
        // nine 10s and a 30: mean 12, MR-bar = 20 / 9 = 2.2222, sigma = 2.66 * 2.2222 / 3 = 1.9704, UCL 17.9111.
        // Each 10 is (10 - 12) / 1.9704 = -1.015 sigma: from the fifth, four of five beyond 1 sigma on one side
        // (Nelson 6); the ninth is the ninth in a row below the centre (Nelson 2); the 30 is beyond 3 sigma (Nelson 1),
        // and with the seven 10s before it makes eight in a row beyond 1 sigma with points on both sides (Nelson 8).
        List<double[]> values = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            values.add(new double[] {10});
        }
        values.add(new double[] {30});
        ControlChart i = ControlChart.Pair.of(values).location();
        assertThat(i.ucl()).isCloseTo(17.9111111, within(EPS));
        List<List<String>> marks = i.points().stream().map(ControlChart.Point::violations).toList();
        assertThat(marks.subList(0, 4)).allMatch(List::isEmpty);
        assertThat(marks.subList(4, 8)).allMatch(m -> m.equals(List.of("NELSON_6")));
        assertThat(marks.get(8)).containsExactly("NELSON_2", "NELSON_6");
        assertThat(marks.get(9)).containsExactly("NELSON_1", "NELSON_8");
        // the moving range of 20 is beyond its limit 3.267 * 2.2222 = 7.26
        assertThat(ControlChart.Pair.of(values).dispersion().points().get(8).violations()).containsExactly("BEYOND_LIMITS");
    }

    @Test
    void theD2TableAndItsBounds() {
        assertThat(SpcConstants.d2(2)).isEqualTo(1.128);
        assertThat(SpcConstants.d2(5)).isEqualTo(2.326);
        assertThat(SpcConstants.d2(10)).isEqualTo(3.078);
        assertThat(SpcConstants.d4(7)).isEqualTo(1.924);
        assertThat(SpcConstants.d3(7)).isEqualTo(0.076);
        assertThatThrownBy(() -> SpcConstants.d2(11)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SpcConstants.d2(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ControlChart.Pair.of(List.of(new double[] {1, 2}, new double[] {1})))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noSpreadGivesNoIndexRatherThanInfinity() {
        Capability c = Capability.of(List.of(new double[] {5, 5}, new double[] {5, 5}), new Spec(4.0, 6.0));
        assertThat(c.cp()).isNull();
        assertThat(c.cpk()).isNull();
        assertThat(c.ppk()).isNull();
        assertThat(c.meets(1, 1)).isFalse();
    }

    @Test
    void specAcceptsOnTheLimits() {
        Spec s = new Spec(1.0, 2.0);
        assertThat(s.acceptsAll(new double[] {1.0, 2.0, 1.5})).isTrue();
        assertThat(s.acceptsAll(new double[] {1.0, 2.0001})).isFalse();
        assertThat(s.acceptsAll(new double[] {})).isFalse();
        assertThat(new Spec(null, 2.0).accepts(-1e9)).isTrue();
        assertThatThrownBy(() -> new Spec(2.0, 2.0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void phaseTwoJudgesNewPointsAgainstTheFrozenLimitsNotTheirOwn() {
        List<double[]> base = List.of(new double[] {10.0}, new double[] {10.2}, new double[] {9.9}, new double[] {10.1},
                new double[] {9.8}, new double[] {10.0});
        ControlChart.Pair frozen = ControlChart.Pair.of(base);
        assertThat(frozen.inControl()).isTrue();
        // the process moved: judged by its own limits it looks in control, against the baseline it is not
        List<double[]> moved = List.of(new double[] {11.0}, new double[] {11.1}, new double[] {10.9}, new double[] {11.0});
        assertThat(ControlChart.Pair.of(moved).inControl()).isTrue();
        ControlChart.Pair judged = ControlChart.Pair.against(moved, frozen.limits());
        assertThat(judged.location().ucl()).isEqualTo(frozen.location().ucl());
        assertThat(judged.inControl()).isFalse();
        assertThat(judged.location().points().get(0).violations()).contains("NELSON_1");
        assertThatThrownBy(() -> ControlChart.Pair.against(List.of(new double[] {1, 2},
                new double[] {1, 2}), frozen.limits())).hasMessageContaining("baseline is of an I chart");
    }
}
