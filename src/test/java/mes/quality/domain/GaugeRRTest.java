package mes.quality.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Gauge R&R against the worked example of the AIAG MSA manual, 4th edition (chapter III, section
 * B: 10 parts, appraisers A, B and C, 3 trials), to the precision the manual prints: average and
 * range R-bar-bar 0.3417, X-diff 0.4446, Rp 3.511, EV 0.20188, AV 0.22963, GRR 0.30575, PV 1.10456,
 * TV 1.14610, %GRR 26.68, ndc 5; ANOVA (its table: SS appraiser 3.1673, parts 88.3619, interaction
 * 0.3590, equipment 2.7589; interaction not significant, pooled) EV 0.200, AV 0.227, GRR 0.302,
 * PV 1.042, %GRR 27.9, ndc 4.
 */
public class GaugeRRTest {

    /** [appraiser][part][trial] */
    public static final double[][][] AIAG = transpose(new double[][][] {
        {{0.29, -0.56, 1.34, 0.47, -0.80, 0.02, 0.59, -0.31, 2.26, -1.36}, {0.41, -0.68, 1.17, 0.50, -0.92, -0.11, 0.75, -0.20, 1.99, -1.25},
            {0.64, -0.58, 1.27, 0.64, -0.84, -0.21, 0.66, -0.17, 2.01, -1.31}},
        {{0.08, -0.47, 1.19, 0.01, -0.56, -0.20, 0.47, -0.63, 1.80, -1.68}, {0.25, -1.22, 0.94, 1.03, -1.20, 0.22, 0.55, 0.08, 2.12, -1.62},
            {0.07, -0.68, 1.34, 0.20, -1.28, 0.06, 0.83, -0.34, 2.19, -1.50}},
        {{0.04, -1.38, 0.88, 0.14, -1.46, -0.29, 0.02, -0.46, 1.77, -1.49}, {-0.11, -1.13, 1.09, 0.20, -1.07, -0.67, 0.01, -0.56, 1.45, -1.77},
            {-0.15, -0.96, 0.67, 0.11, -1.45, -0.49, 0.21, -0.49, 1.87, -2.16}}});

    /** The manual lists trials as rows of ten parts: [appraiser][trial][part] to [appraiser][part][trial]. */
    static double[][][] transpose(double[][][] byTrial) {
        double[][][] out = new double[byTrial.length][byTrial[0][0].length][byTrial[0].length];
        for (int a = 0; a < byTrial.length; a++) {
            for (int t = 0; t < byTrial[a].length; t++) {
                for (int p = 0; p < byTrial[a][t].length; p++) {
                    out[a][p][t] = byTrial[a][t][p];
                }
            }
        }
        return out;
    }

    @Test
    void averageAndRangeGivesTheManualsFigures() {
        GaugeRR.Result r = new GaugeRR(AIAG).averageAndRange(null);
        // the manual rounds R-bar-bar, X-diff and Rp to four figures before multiplying: within that rounding
        assertThat(r.ev()).isCloseTo(0.20188, within(0.00005));
        assertThat(r.av()).isCloseTo(0.22963, within(0.00005));
        assertThat(r.grr()).isCloseTo(0.30575, within(0.00005));
        assertThat(r.pv()).isCloseTo(1.10456, within(0.00005));
        assertThat(r.tv()).isCloseTo(1.14610, within(0.00005));
        assertThat(r.percentEv()).isCloseTo(17.62, within(0.01));
        assertThat(r.percentAv()).isCloseTo(20.04, within(0.01));
        assertThat(r.percentGrr()).isCloseTo(26.68, within(0.01));
        assertThat(r.percentPv()).isCloseTo(96.38, within(0.01));
        assertThat(r.ndc()).isEqualTo(5);
        assertThat(r.verdict()).isEqualTo(GaugeRR.Verdict.CONDITIONAL);
        assertThat(new GaugeRR(AIAG).rangeLimit()).isCloseTo(2.58 * 0.34167, within(0.0001));
    }

    @Test
    void anovaGivesTheManualsFiguresWithTheInteractionPooled() {
        GaugeRR.Result r = new GaugeRR(AIAG).anova(null);
        assertThat(r.interaction()).isZero();
        assertThat(r.ev()).isCloseTo(0.200, within(0.0005));
        assertThat(r.av()).isCloseTo(0.227, within(0.0005));
        assertThat(r.grr()).isCloseTo(0.302, within(0.0005));
        assertThat(r.pv()).isCloseTo(1.042, within(0.0005));
        assertThat(r.percentGrr()).isCloseTo(27.9, within(0.05));
        assertThat(r.ndc()).isEqualTo(4);
        assertThat(r.verdict()).isEqualTo(GaugeRR.Verdict.CONDITIONAL);
    }

    @Test
    void theFDistributionsTailIsRight() {
        // F(2, 10) at 4.10 is the 5 % point; F(1, 1) at 1 is the median; the interaction of the example p = 0.97
        assertThat(GaugeRR.fTailProbability(4.1028, 2, 10)).isCloseTo(0.05, within(1e-4));
        assertThat(GaugeRR.fTailProbability(1, 1, 1)).isCloseTo(0.5, within(1e-9));
        assertThat(GaugeRR.fTailProbability(0.4337, 18, 60)).isGreaterThan(0.95);
    }

    @Test
    void theToleranceJudgesToo() {
        // a tolerance of 2 mm against GRR 0.30575: 6 GRR / 2 = 91.7 %, not acceptable
        GaugeRR.Result r = new GaugeRR(AIAG).averageAndRange(2.0);
        assertThat(r.percentGrrOfTolerance()).isCloseTo(91.73, within(0.02));
        assertThat(r.verdict()).isEqualTo(GaugeRR.Verdict.NOT_ACCEPTABLE);
        // a gauge whose noise is small against the parts is acceptable
        double[][][] good = new double[2][5][2];
        for (int a = 0; a < 2; a++) {
            for (int p = 0; p < 5; p++) {
                good[a][p][0] = p;
                good[a][p][1] = p + (a == 0 ? 0.001 : 0.002);
            }
        }
        assertThat(new GaugeRR(good).averageAndRange(null).verdict()).isEqualTo(GaugeRR.Verdict.ACCEPTABLE);
    }

    @Test
    void aStudyOfAShapeTheManualHasNoFactorsForIsRefusedByName() {
        assertThatThrownBy(() -> new GaugeRR(new double[4][10][3])).hasMessageContaining("2 or 3 appraisers");
        assertThatThrownBy(() -> new GaugeRR(new double[3][1][3])).hasMessageContaining("2 to 10 parts");
        assertThatThrownBy(() -> new GaugeRR(new double[3][10][4])).hasMessageContaining("2 or 3 trials");
        double[][][] ragged = new double[2][3][2];
        ragged[1] = new double[2][2];
        assertThatThrownBy(() -> new GaugeRR(ragged)).hasMessageContaining("appraiser 2 measured 2 parts");
        double[][][] nan = new double[2][3][2];
        nan[0][1][1] = Double.NaN;
        assertThatThrownBy(() -> new GaugeRR(nan)).hasMessageContaining("appraiser 1, part 2, trial 2 is not a number");
    }
}
