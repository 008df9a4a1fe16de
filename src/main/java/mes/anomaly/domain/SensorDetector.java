package mes.anomaly.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Watches one sensor of one machine: state in, verdict out. Feed it the sensor's values in ts
 * order ({@link #accept}); it answers the findings of each value. The same values give the same
 * findings, so after a restart the detector is rebuilt by feeding it the stored recent values.
 *
 * <p>Limits (LSL/USL critical, the warning band a warning) are checked for every value. The
 * rules with memory (SPC, drift, flatline, rate of change) take values in ts order only: a value
 * older than the newest one seen (late data) is checked against the limits and otherwise left out.
 * SPC and drift need a baseline: the one given, or else the one estimated from the first
 * {@code baselineSamples} values ({@link #baselineEstablished()} tells when to store it).
 */
public final class SensorDetector {

    private final DetectionSettings s;
    private final Double lsl;
    private final Double usl;
    private final String unit;

    private Baseline baseline;
    private boolean estimated;
    private double[] warmup;
    private int warmupCount;

    private final double[] z;
    private int zCount;

    private Instant lastTs;
    private double lastValue;
    private int sameCount;
    private Instant sameSince;

    private double ewma;
    private long ewmaCount;
    private double cusumHigh;
    private double cusumLow;

    /**
     * @param settings the sensor's settings, defaults applied ({@link DetectionSettings#withDefaults})
     * @param baseline the stored baseline, or null to estimate one
     */
    public SensorDetector(DetectionSettings settings, Double lsl, Double usl, String unit, Baseline baseline) {
        this.s = settings;
        this.lsl = lsl;
        this.usl = usl;
        this.unit = unit == null ? "" : " " + unit;
        this.baseline = baseline;
        this.z = new double[Math.max(16, Math.max(settings.sameSideRun(), settings.trendRun()))];
        if (baseline == null) {
            warmup = new double[settings.baselineSamples()];
        } else {
            ewma = baseline.centre();
        }
    }

    public Baseline baseline() {
        return baseline;
    }

    /** True once, right after the baseline was estimated from the first values (to be stored). */
    public boolean baselineEstablished() {
        boolean was = estimated;
        estimated = false;
        return was;
    }

    public List<Finding> accept(Instant ts, double value) {
        return accept(ts, value, true);
    }

    /**
     * @param running whether the machine was RUNNING (or its state unknown): SPC and drift (and
     *        the baseline) only take values of the running process, whose distribution they model;
     *        limits, rate of change and flatline take every value
     */
    public List<Finding> accept(Instant ts, double value, boolean running) {
        List<Finding> out = new ArrayList<>(1);
        limits(ts, value, out);
        if (lastTs != null && !ts.isAfter(lastTs)) {
            return out; // late or repeated: limits only
        }
        rate(ts, value, out);
        flatline(ts, value, out);
        lastTs = ts;
        lastValue = value;
        if (!running) {
            return out;
        }
        if (baseline == null) {
            warmup[warmupCount++] = value;
            if (warmupCount == warmup.length) {
                baseline = Baseline.of(warmup).orElse(null);
                warmup = baseline == null ? new double[warmup.length] : null; // no variation at all: try the next ones
                warmupCount = 0;
                estimated = baseline != null;
                if (baseline != null) {
                    ewma = baseline.centre();
                }
            }
            return out;
        }
        double zi = (value - baseline.centre()) / baseline.sigma();
        if (s.spc()) {
            if (zCount == z.length) {
                System.arraycopy(z, 1, z, 0, z.length - 1);
                zCount--;
            }
            z[zCount++] = zi;
            for (String rule : SpcRules.violated(z, zCount, s.ruleSet(), s.sameSideRun(), s.trendRun())) {
                out.add(new Finding(ts, rule, Severity.WARNING, value, describe(rule, value)));
            }
        }
        drift(ts, value, zi, out);
        return out;
    }

    private void limits(Instant ts, double value, List<Finding> out) {
        if (usl != null && value > usl) {
            out.add(new Finding(ts, "LIMIT", Severity.CRITICAL, value, String.format(Locale.ROOT, "%s above USL %s%s",
                    number(value), number(usl), unit)));
        } else if (lsl != null && value < lsl) {
            out.add(new Finding(ts, "LIMIT", Severity.CRITICAL, value, String.format(Locale.ROOT, "%s below LSL %s%s",
                    number(value), number(lsl), unit)));
        } else if (s.warnHigh() != null && value > s.warnHigh()) {
            out.add(new Finding(ts, "LIMIT", Severity.WARNING, value, String.format(Locale.ROOT, "%s above the warning limit %s%s",
                    number(value), number(s.warnHigh()), unit)));
        } else if (s.warnLow() != null && value < s.warnLow()) {
            out.add(new Finding(ts, "LIMIT", Severity.WARNING, value, String.format(Locale.ROOT, "%s below the warning limit %s%s",
                    number(value), number(s.warnLow()), unit)));
        }
    }

    private void rate(Instant ts, double value, List<Finding> out) {
        if (s.maxRatePerSecond() == null || lastTs == null) {
            return;
        }
        double seconds = Duration.between(lastTs, ts).toNanos() / 1e9;
        double slope = (value - lastValue) / seconds;
        if (Math.abs(slope) > s.maxRatePerSecond()) {
            out.add(new Finding(ts, "RATE_OF_CHANGE", Severity.WARNING, value, String.format(Locale.ROOT,
                    "changed %s%s per second (from %s to %s), more than %s", number(slope), unit, number(lastValue), number(value),
                    number(s.maxRatePerSecond()))));
        }
    }

    private void flatline(Instant ts, double value, List<Finding> out) {
        if (lastTs != null && value == lastValue) {
            sameCount++;
        } else {
            sameCount = 1;
            sameSince = ts;
        }
        boolean bySamples = sameCount >= s.flatlineSamples();
        boolean byTime = s.flatlineSeconds() != null && sameCount > 1
                && Duration.between(sameSince, ts).getSeconds() >= s.flatlineSeconds();
        if (bySamples || byTime) {
            out.add(new Finding(ts, "FLATLINE", Severity.WARNING, value, String.format(Locale.ROOT,
                    "stuck at %s%s: %d identical values since %s", number(value), unit, sameCount, sameSince)));
        }
    }

    private void drift(Instant ts, double value, double zi, List<Finding> out) {
        switch (s.drift()) {
            case EWMA -> {
                double lambda = s.ewmaLambda();
                ewma = lambda * value + (1 - lambda) * ewma;
                ewmaCount++;
                double width = s.ewmaL() * baseline.sigma()
                        * Math.sqrt(lambda / (2 - lambda) * (1 - Math.pow(1 - lambda, 2 * ewmaCount)));
                if (Math.abs(ewma - baseline.centre()) > width) {
                    out.add(new Finding(ts, "EWMA", Severity.WARNING, value, String.format(Locale.ROOT,
                            "drifting: EWMA %s%s is beyond %s +/- %s", number(ewma), unit, number(baseline.centre()), number(width))));
                }
            }
            case CUSUM -> {
                cusumHigh = Math.max(0, cusumHigh + zi - s.cusumK());
                cusumLow = Math.max(0, cusumLow - zi - s.cusumK());
                if (cusumHigh > s.cusumH() || cusumLow > s.cusumH()) {
                    out.add(new Finding(ts, "CUSUM", Severity.WARNING, value, String.format(Locale.ROOT,
                            "drifting %s: CUSUM %s above h = %s sigma", cusumHigh > s.cusumH() ? "up" : "down",
                            number(Math.max(cusumHigh, cusumLow)), number(s.cusumH()))));
                    cusumHigh = 0; // restart after a signal
                    cusumLow = 0;
                }
            }
            default -> {
            }
        }
    }

    private String describe(String rule, double value) {
        String what = switch (rule) {
            case "NELSON_1", "WE_1" -> "beyond 3 sigma";
            case "NELSON_2", "WE_4" -> s.sameSideRun() + " points in a row on one side of the centre line";
            case "NELSON_3" -> s.trendRun() + " points in a row steadily increasing or decreasing";
            case "NELSON_4" -> "14 points in a row alternating up and down";
            case "NELSON_5", "WE_2" -> "2 of 3 points beyond 2 sigma on one side";
            case "NELSON_6", "WE_3" -> "4 of 5 points beyond 1 sigma on one side";
            case "NELSON_7" -> "15 points in a row within 1 sigma (too little variation)";
            case "NELSON_8" -> "8 points in a row beyond 1 sigma on both sides";
            default -> rule;
        };
        return String.format(Locale.ROOT, "%s%s: %s (centre %s, sigma %s)", number(value), unit, what, number(baseline.centre()),
                number(baseline.sigma()));
    }

    static String number(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
