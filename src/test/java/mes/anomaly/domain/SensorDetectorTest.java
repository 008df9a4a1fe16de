package mes.anomaly.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.DoubleStream;
import mes.anomaly.domain.DetectionSettings.Drift;
import mes.anomaly.domain.DetectionSettings.RuleSet;
import org.junit.jupiter.api.Test;

/** Every rule: a sequence that must trigger it, and a near miss that must not. */
class SensorDetectorTest {

    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    /** Centre 0, sigma 1: the values are their own z-scores. */
    static final Baseline UNIT = new Baseline(0, 1, 100);

    static DetectionSettings spcOnly(RuleSet set, Integer sameSideRun) {
        return new DetectionSettings(null, null, true, set, sameSideRun, null, null, Drift.NONE, null, null, null, null, 100_000, null,
                null).withDefaults(null, null);
    }

    static DetectionSettings driftOnly(Drift drift) {
        return new DetectionSettings(null, null, false, null, null, null, null, drift, null, null, null, null, 100_000, null, null)
                .withDefaults(null, null);
    }

    /** The rules of the findings at the last value. */
    static List<String> last(DetectionSettings s, double... values) {
        SensorDetector d = new SensorDetector(s, null, null, "mm", UNIT);
        List<Finding> findings = List.of();
        for (int i = 0; i < values.length; i++) {
            findings = d.accept(T0.plusSeconds(i), values[i]);
        }
        return findings.stream().map(Finding::rule).toList();
    }

    static List<String> all(DetectionSettings s, double... values) {
        SensorDetector d = new SensorDetector(s, null, null, "mm", UNIT);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            d.accept(T0.plusSeconds(i), values[i]).forEach(f -> out.add(f.rule()));
        }
        return out;
    }

    static double[] repeat(double v, int n) {
        return DoubleStream.generate(() -> v).limit(n).toArray();
    }

    static double[] alternating(double a, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = i % 2 == 0 ? a : -a;
        }
        return out;
    }

    static final DetectionSettings NELSON = spcOnly(RuleSet.NELSON, null);
    static final DetectionSettings WE = spcOnly(RuleSet.WESTERN_ELECTRIC, null);

    @Test
    void nelson1OnePointBeyondThreeSigma() {
        assertThat(last(NELSON, 0.2, -0.1, 3.1)).contains("NELSON_1");
        assertThat(last(NELSON, 0.2, -0.1, 2.9)).doesNotContain("NELSON_1");
        assertThat(last(NELSON, 0.2, -0.1, -3.2)).contains("NELSON_1");
    }

    @Test
    void nelson2NinePointsOnOneSideByDefaultAndTheConfiguredRunLength() {
        assertThat(last(NELSON, repeat(0.4, 9))).contains("NELSON_2");
        assertThat(last(NELSON, repeat(0.4, 8))).doesNotContain("NELSON_2");
        assertThat(last(NELSON, 0.4, 0.4, 0.4, 0.4, -0.1, 0.4, 0.4, 0.4, 0.4)).doesNotContain("NELSON_2");
        DetectionSettings aiag = spcOnly(RuleSet.NELSON, 7);
        assertThat(last(aiag, repeat(-0.4, 7))).contains("NELSON_2");
        assertThat(last(aiag, repeat(-0.4, 6))).doesNotContain("NELSON_2");
    }

    @Test
    void nelson3SixPointsSteadilyIncreasingOrDecreasing() {
        assertThat(last(NELSON, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6)).contains("NELSON_3");
        assertThat(last(NELSON, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1)).contains("NELSON_3");
        assertThat(last(NELSON, 0.2, 0.3, 0.4, 0.5, 0.6)).doesNotContain("NELSON_3");
        assertThat(last(NELSON, 0.1, 0.2, 0.3, 0.3, 0.5, 0.6)).doesNotContain("NELSON_3");
    }

    @Test
    void nelson4FourteenPointsAlternating() {
        assertThat(last(NELSON, alternating(0.5, 14))).contains("NELSON_4");
        assertThat(last(NELSON, alternating(0.5, 13))).doesNotContain("NELSON_4");
    }

    @Test
    void nelson5TwoOfThreeBeyondTwoSigmaOnOneSide() {
        assertThat(last(NELSON, 0, 2.5, 0, 2.4)).contains("NELSON_5");
        assertThat(last(NELSON, 0, 2.5, 0, -2.4)).doesNotContain("NELSON_5");
        assertThat(last(NELSON, 0, 2.5, 0, 1.9)).doesNotContain("NELSON_5");
    }

    @Test
    void nelson6FourOfFiveBeyondOneSigmaOnOneSide() {
        assertThat(last(NELSON, 1.5, 1.5, 0, 1.5, 1.5)).contains("NELSON_6");
        assertThat(last(NELSON, 1.5, 1.5, 0, 0, 1.5)).doesNotContain("NELSON_6");
    }

    @Test
    void nelson7FifteenPointsWithinOneSigma() {
        double[] hugging = {0.2, -0.3, 0.1, 0.4, -0.2, 0.3, -0.1, 0.2, -0.4, 0.1, 0.3, -0.2, 0.2, -0.3, 0.1};
        assertThat(last(NELSON, hugging)).contains("NELSON_7");
        assertThat(last(NELSON, java.util.Arrays.copyOf(hugging, 14))).doesNotContain("NELSON_7");
    }

    @Test
    void nelson8EightPointsBeyondOneSigmaOnBothSides() {
        assertThat(last(NELSON, 1.5, -1.5, 1.2, -1.8, 1.4, 1.6, -1.3, -1.5)).contains("NELSON_8");
        assertThat(last(NELSON, 1.5, -1.5, 1.2, -1.8, 1.4, 1.6, -1.3)).doesNotContain("NELSON_8");
        assertThat(last(NELSON, 1.5, -1.5, 1.2, -0.8, 1.4, 1.6, -1.3, -1.5)).doesNotContain("NELSON_8");
    }

    @Test
    void westernElectricIsItsOwnSetWithEightOnOneSide() {
        assertThat(last(WE, repeat(0.4, 8))).containsExactly("WE_4");
        assertThat(last(NELSON, repeat(0.4, 8))).isEmpty();
        assertThat(last(WE, 0.2, 3.3)).containsExactly("WE_1");
        assertThat(last(WE, 0, 2.5, 0, 2.4)).contains("WE_2").noneMatch(r -> r.startsWith("NELSON"));
        assertThat(last(WE, 1.5, 1.5, 0, 1.5, 1.5)).contains("WE_3");
        assertThat(last(WE, alternating(0.5, 14))).doesNotContain("NELSON_4").isEmpty();
        DetectionSettings montgomery = spcOnly(RuleSet.WESTERN_ELECTRIC, 9);
        assertThat(last(montgomery, repeat(0.4, 8))).isEmpty();
        assertThat(last(montgomery, repeat(0.4, 9))).containsExactly("WE_4");
    }

    @Test
    void ewmaFlagsASustainedSmallShiftButNotNoise() {
        DetectionSettings ewma = driftOnly(Drift.EWMA);
        double[] shift = new double[30];
        java.util.Arrays.fill(shift, 10, 30, 1.2);
        assertThat(all(ewma, shift)).contains("EWMA");
        Random random = new Random(1);
        double[] noise = DoubleStream.generate(() -> random.nextGaussian() * 0.5).limit(200).toArray();
        assertThat(all(ewma, noise)).doesNotContain("EWMA");
    }

    @Test
    void cusumFlagsAShiftAboveKAndNotOneBelowIt() {
        DetectionSettings cusum = driftOnly(Drift.CUSUM);
        List<String> up = all(cusum, repeat(1.0, 11));
        assertThat(up).containsExactly("CUSUM"); // 0.5 per point over k: above h = 5 at the 11th
        assertThat(all(cusum, repeat(1.0, 10))).isEmpty();
        assertThat(all(cusum, repeat(0.45, 500))).isEmpty();
    }

    @Test
    void flatlineAfterThirtyIdenticalValuesOrTheConfiguredTime() {
        DetectionSettings defaults = DetectionSettings.NONE_SET.withDefaults(null, null);
        assertThat(last(defaults, repeat(42.0, 30))).contains("FLATLINE");
        assertThat(all(defaults, repeat(42.0, 29))).doesNotContain("FLATLINE");
        DetectionSettings byTime = new DetectionSettings(null, null, false, null, null, null, null, Drift.NONE, null, null, null, null,
                1000, 60, null).withDefaults(null, null);
        SensorDetector d = new SensorDetector(byTime, null, null, null, UNIT);
        assertThat(d.accept(T0, 5)).isEmpty();
        assertThat(d.accept(T0.plusSeconds(59), 5)).isEmpty();
        assertThat(d.accept(T0.plusSeconds(60), 5)).extracting(Finding::rule).containsExactly("FLATLINE");
    }

    @Test
    void rateOfChangeAboveTheConfiguredSlope() {
        DetectionSettings rate = new DetectionSettings(null, null, false, null, null, null, null, Drift.NONE, null, null, null, null,
                1000, null, 1.0).withDefaults(null, null);
        SensorDetector d = new SensorDetector(rate, null, null, "C", UNIT);
        d.accept(T0, 10);
        assertThat(d.accept(T0.plusSeconds(2), 11.9)).isEmpty(); // 0.95 per second
        assertThat(d.accept(T0.plusSeconds(3), 13.0)).extracting(Finding::rule).containsExactly("RATE_OF_CHANGE");
    }

    @Test
    void limitsAreCriticalOutsideTheSpecificationAndAWarningInTheBand() {
        DetectionSettings s = new DetectionSettings(null, null, false, null, null, null, null, Drift.NONE, null, null, null, null,
                1000, null, null).withDefaults(20.0, 80.0);
        assertThat(s.warnLow()).isEqualTo(26.0);
        assertThat(s.warnHigh()).isEqualTo(74.0);
        SensorDetector d = new SensorDetector(s, 20.0, 80.0, "C", null);
        assertThat(d.accept(T0, 50)).isEmpty();
        assertThat(d.accept(T0.plusSeconds(1), 77)).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
        assertThat(d.accept(T0.plusSeconds(2), 85)).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("LIMIT");
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.message()).contains("above USL 80");
        });
        assertThat(d.accept(T0.plusSeconds(3), 19.5)).singleElement().satisfies(f -> assertThat(f.message()).contains("below LSL"));
        assertThat(d.accept(T0.plusSeconds(1), 90)).as("late values still meet the limits").singleElement();
    }

    @Test
    void withoutABaselineTheFirstValuesOfRunningTimeEstablishOne() {
        DetectionSettings s = new DetectionSettings(null, null, true, null, null, null, 20, Drift.NONE, null, null, null, null,
                1000, null, null).withDefaults(null, null);
        SensorDetector d = new SensorDetector(s, null, null, null, null);
        Random random = new Random(3);
        for (int i = 0; i < 10; i++) {
            d.accept(T0.plusSeconds(i), 100, false); // not running: not part of the baseline
        }
        for (int i = 10; i < 29; i++) {
            assertThat(d.accept(T0.plusSeconds(i), 50 + random.nextGaussian())).isEmpty();
        }
        assertThat(d.baselineEstablished()).isFalse();
        d.accept(T0.plusSeconds(29), 50);
        assertThat(d.baselineEstablished()).isTrue();
        assertThat(d.baselineEstablished()).as("reported once").isFalse();
        assertThat(d.baseline().centre()).isBetween(49.0, 51.0);
        assertThat(d.accept(T0.plusSeconds(30), 100)).extracting(Finding::rule).contains("NELSON_1");
        assertThat(d.accept(T0.plusSeconds(31), 100, false)).as("no SPC on values of a stopped machine").isEmpty();
    }

    @Test
    void theSameStreamGivesTheSameFindings() {
        DetectionSettings s = new DetectionSettings(null, null, true, RuleSet.NELSON, null, null, null, Drift.EWMA, null, null, null,
                null, null, null, null).withDefaults(0.0, 100.0);
        Random random = new Random(9);
        double[] values = DoubleStream.generate(() -> 50 + random.nextGaussian() * 8).limit(2000).toArray();
        List<Finding> a = new ArrayList<>();
        List<Finding> b = new ArrayList<>();
        SensorDetector first = new SensorDetector(s, 0.0, 100.0, null, null);
        SensorDetector second = new SensorDetector(s, 0.0, 100.0, null, null);
        for (int i = 0; i < values.length; i++) {
            a.addAll(first.accept(T0.plusSeconds(i), values[i]));
        }
        for (int i = 0; i < values.length; i++) {
            b.addAll(second.accept(T0.plusSeconds(i), values[i]));
        }
        assertThat(a).isNotEmpty().isEqualTo(b);
    }

    @Test
    void machineRulesHoldOnlyWhileTheirConditionDoes() {
        Duration timeout = Duration.ofSeconds(60);
        assertThat(MachineWatch.check(T0.plusSeconds(60), T0, timeout, null, null)).isEmpty();
        assertThat(MachineWatch.check(T0.plusSeconds(61), T0, timeout, null, null)).extracting(Finding::rule).containsExactly("OFFLINE");
        assertThat(MachineWatch.check(T0.plusSeconds(61), null, timeout, null, null)).as("never heard from").isEmpty();
        Instant now = T0.plusSeconds(901);
        assertThat(MachineWatch.check(now, now, timeout, T0, Duration.ofSeconds(900))).extracting(Finding::rule)
                .containsExactly("DOWN_TOO_LONG");
        assertThat(MachineWatch.check(now, now, timeout, T0.plusSeconds(2), Duration.ofSeconds(900))).isEmpty();
    }

    @Test
    void settingsReportWhatIsWrong() {
        DetectionSettings bad = new DetectionSettings(5.0, 4.0, null, null, 2, null, null, null, 1.5, -1.0, null, null, 1, null, 0.0);
        assertThat(bad.problems()).contains("warnLow must be below warnHigh", "sameSideRun must be between 5 and 50",
                "ewmaLambda must be in (0, 1]", "ewmaL must be a positive number", "flatlineSamples must be between 2 and 100000",
                "maxRatePerSecond must be a positive number");
        assertThat(DetectionSettings.NONE_SET.problems()).isEmpty();
    }
}
