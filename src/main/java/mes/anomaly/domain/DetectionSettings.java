package mes.anomaly.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * How one sensor is watched. Every field may be left null in a stored document and then takes
 * its default ({@link #withDefaults}). Defaults, and why:
 * <ul>
 * <li>warning band: 10 % of the tolerance inside LSL and USL (warnLow, warnHigh absolute values
 * override it);</li>
 * <li>SPC run rules on an individuals chart: off until switched on for a sensor. The run rules
 * assume independent points; a machine sensor read every few seconds is autocorrelated, and all
 * eight Nelson rules on it raise false alarms every few minutes per sensor (measured on the demo
 * plant: 360 open alerts within minutes). Quality engineers switch them on for the
 * characteristics they chart. Then Nelson's eight rules by default; the "points on one side"
 * run is 9 for Nelson, 8 for Western Electric (AIAG uses 7, Montgomery 8: set
 * {@code sameSideRun}); a trend is 6 points steadily up or down;</li>
 * <li>the baseline (SPC and drift) is estimated from the first 500 running values when none was
 * computed on request;</li>
 * <li>drift detection: off until switched on, for the same reason (EWMA with lambda 0.2 and L 3 on
 * every demo sensor at one value per 2 s kept 51 of 165 sensors in alert). When on: EWMA with
 * lambda 0.2 and L 3, Montgomery's usual pair (ARL0 about 500 points); CUSUM with k 0.5 and h 5
 * in sigma units, also Montgomery's;</li>
 * <li>flatline: 30 identical values in a row (or, when set, the same value for flatlineSeconds);</li>
 * <li>rate of change: off unless maxRatePerSecond is set.</li>
 * </ul>
 */
public record DetectionSettings(Double warnLow, Double warnHigh, Boolean spc, RuleSet ruleSet, Integer sameSideRun,
        Integer trendRun, Integer baselineSamples, Drift drift, Double ewmaLambda, Double ewmaL, Double cusumK, Double cusumH,
        Integer flatlineSamples, Integer flatlineSeconds, Double maxRatePerSecond) {

    /** The SPC run rules applied. */
    public enum RuleSet { NELSON, WESTERN_ELECTRIC }

    /** The drift detector. */
    public enum Drift { NONE, EWMA, CUSUM }

    public static final DetectionSettings NONE_SET = new DetectionSettings(null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null);

    /** These settings with every unset field at its default, for a sensor with these limits (either may be null). */
    public DetectionSettings withDefaults(Double lsl, Double usl) {
        Double band = lsl != null && usl != null ? (usl - lsl) * 0.10 : null;
        RuleSet rules = ruleSet != null ? ruleSet : RuleSet.NELSON;
        return new DetectionSettings(
                warnLow != null ? warnLow : band != null ? lsl + band : null,
                warnHigh != null ? warnHigh : band != null ? usl - band : null,
                spc != null ? spc : Boolean.FALSE,
                rules,
                sameSideRun != null ? sameSideRun : rules == RuleSet.NELSON ? 9 : 8,
                trendRun != null ? trendRun : 6,
                baselineSamples != null ? baselineSamples : 500,
                drift != null ? drift : Drift.NONE,
                ewmaLambda != null ? ewmaLambda : 0.2,
                ewmaL != null ? ewmaL : 3.0,
                cusumK != null ? cusumK : 0.5,
                cusumH != null ? cusumH : 5.0,
                flatlineSamples != null ? flatlineSamples : 30,
                flatlineSeconds,
                maxRatePerSecond);
    }

    /** What is wrong with these settings, one sentence each; empty when they are usable. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (warnLow != null && warnHigh != null && warnLow >= warnHigh) {
            out.add("warnLow must be below warnHigh");
        }
        range(out, "sameSideRun", sameSideRun, 5, 50);
        range(out, "trendRun", trendRun, 4, 50);
        range(out, "baselineSamples", baselineSamples, 20, 100_000);
        if (ewmaLambda != null && !(ewmaLambda > 0 && ewmaLambda <= 1)) {
            out.add("ewmaLambda must be in (0, 1]");
        }
        positive(out, "ewmaL", ewmaL);
        if (cusumK != null && !(cusumK >= 0)) {
            out.add("cusumK must be 0 or more");
        }
        positive(out, "cusumH", cusumH);
        range(out, "flatlineSamples", flatlineSamples, 2, 100_000);
        range(out, "flatlineSeconds", flatlineSeconds, 1, 7 * 86_400);
        positive(out, "maxRatePerSecond", maxRatePerSecond);
        finite(out, "warnLow", warnLow);
        finite(out, "warnHigh", warnHigh);
        return out;
    }

    private static void range(List<String> out, String name, Integer v, int min, int max) {
        if (v != null && (v < min || v > max)) {
            out.add(name + " must be between " + min + " and " + max);
        }
    }

    private static void positive(List<String> out, String name, Double v) {
        if (v != null && !(v > 0 && Double.isFinite(v))) {
            out.add(name + " must be a positive number");
        }
    }

    private static void finite(List<String> out, String name, Double v) {
        if (v != null && !Double.isFinite(v)) {
            out.add(name + " must be a finite number");
        }
    }
}
