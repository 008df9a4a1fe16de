package mes.quality.domain;

/**
 * A gauge repeatability and reproducibility study (IATF 16949 7.1.5.1.1, AIAG MSA 4th edition,
 * chapter III section B): appraisers measure the same parts in several trials; the variation is
 * split into the equipment's (repeatability, EV), the appraisers' (reproducibility, AV) and the
 * parts' (PV). Two methods, as the manual gives them: average and range (its K1, K2, K3 factors,
 * one standard deviation), and ANOVA (two factors crossed with interaction; the interaction pooled
 * into the error when it is not significant at 5 %). Figures are standard deviations;
 * percentages of the total variation, and of the tolerance when one is given (6 standard
 * deviations against it); ndc = 1.41 PV / GRR, truncated. Verdict on the larger %GRR (of the total
 * variation, of the tolerance): under 10 % acceptable, 10 to 30 % conditionally acceptable, over
 * 30 % not; with ndc under 5 (the gauge cannot tell the parts apart) an acceptable one is only
 * conditionally so.
 */
public final class GaugeRR {

    public enum Verdict {
        ACCEPTABLE("acceptable"), CONDITIONAL("conditionally acceptable"), NOT_ACCEPTABLE("not acceptable");

        public final String label;

        Verdict(String label) {
            this.label = label;
        }
    }

    /** The figures of one method. {@code percentOfTolerance} is null without a tolerance; {@code interaction} 0 in the average and range method. */
    public record Result(String method, double ev, double av, double interaction, double grr, double pv, double tv, double percentEv,
            double percentAv, double percentGrr, double percentPv, Double percentGrrOfTolerance, int ndc, Verdict verdict) {
    }

    /** K1 by trials, K2 by appraisers, K3 by parts (AIAG MSA 4th edition, 1-sigma). */
    private static final double[] K1 = {Double.NaN, Double.NaN, 0.8862, 0.5908};
    private static final double[] K2 = {Double.NaN, Double.NaN, 0.7071, 0.5231};
    private static final double[] K3 = {Double.NaN, Double.NaN, 0.7071, 0.5231, 0.4467, 0.4030, 0.3742, 0.3534, 0.3375, 0.3249, 0.3146};
    /** D4 of the range chart by trials (2 or 3): the upper limit of a part's range. */
    private static final double[] D4 = {Double.NaN, Double.NaN, 3.27, 2.58};

    private final double[][][] y; // [appraiser][part][trial]
    private final int appraisers;
    private final int parts;
    private final int trials;

    /**
     * @param measurements [appraiser][part][trial]: 2 or 3 appraisers, 2 to 10 parts, 2 or 3 trials,
     *        every cell a finite number (the manual's tables cover these sizes)
     */
    public GaugeRR(double[][][] measurements) {
        appraisers = measurements.length;
        if (appraisers < 2 || appraisers > 3) {
            throw new IllegalArgumentException("a study has 2 or 3 appraisers, not " + appraisers);
        }
        parts = measurements[0].length;
        if (parts < 2 || parts > 10) {
            throw new IllegalArgumentException("a study has 2 to 10 parts, not " + parts);
        }
        trials = measurements[0][0].length;
        if (trials < 2 || trials > 3) {
            throw new IllegalArgumentException("a study has 2 or 3 trials, not " + trials);
        }
        for (int a = 0; a < appraisers; a++) {
            if (measurements[a].length != parts) {
                throw new IllegalArgumentException("appraiser " + (a + 1) + " measured " + measurements[a].length + " parts, not " + parts);
            }
            for (int p = 0; p < parts; p++) {
                if (measurements[a][p].length != trials) {
                    throw new IllegalArgumentException("appraiser " + (a + 1) + ", part " + (p + 1) + ": " + measurements[a][p].length
                            + " trials, not " + trials);
                }
                for (int t = 0; t < trials; t++) {
                    if (!Double.isFinite(measurements[a][p][t])) {
                        throw new IllegalArgumentException("appraiser " + (a + 1) + ", part " + (p + 1) + ", trial " + (t + 1) + " is not a number");
                    }
                }
            }
        }
        this.y = measurements;
    }

    /** The upper limit of a part's range (D4 R-bar-bar): a range beyond it is a measurement to repeat. */
    public double rangeLimit() {
        return D4[trials] * rBarBar();
    }

    private double range(int a, int p) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : y[a][p]) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return max - min;
    }

    private double rBarBar() {
        double s = 0;
        for (int a = 0; a < appraisers; a++) {
            for (int p = 0; p < parts; p++) {
                s += range(a, p);
            }
        }
        return s / (appraisers * parts);
    }

    private double appraiserMean(int a) {
        double s = 0;
        for (int p = 0; p < parts; p++) {
            for (double v : y[a][p]) {
                s += v;
            }
        }
        return s / (parts * trials);
    }

    private double partMean(int p) {
        double s = 0;
        for (int a = 0; a < appraisers; a++) {
            for (double v : y[a][p]) {
                s += v;
            }
        }
        return s / (appraisers * trials);
    }

    private double cellMean(int a, int p) {
        double s = 0;
        for (double v : y[a][p]) {
            s += v;
        }
        return s / trials;
    }

    /** The average and range method. */
    public Result averageAndRange(Double tolerance) {
        double ev = rBarBar() * K1[trials];
        double minA = Double.POSITIVE_INFINITY;
        double maxA = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < appraisers; a++) {
            minA = Math.min(minA, appraiserMean(a));
            maxA = Math.max(maxA, appraiserMean(a));
        }
        double xDiff = maxA - minA;
        double av2 = Math.pow(xDiff * K2[appraisers], 2) - ev * ev / (parts * trials);
        double av = av2 > 0 ? Math.sqrt(av2) : 0;
        double minP = Double.POSITIVE_INFINITY;
        double maxP = Double.NEGATIVE_INFINITY;
        for (int p = 0; p < parts; p++) {
            minP = Math.min(minP, partMean(p));
            maxP = Math.max(maxP, partMean(p));
        }
        double pv = (maxP - minP) * K3[parts];
        return result("AVERAGE_AND_RANGE", ev, av, 0, pv, tolerance);
    }

    /** The ANOVA method. */
    public Result anova(Double tolerance) {
        int n = appraisers * parts * trials;
        double grand = 0;
        for (int a = 0; a < appraisers; a++) {
            for (int p = 0; p < parts; p++) {
                for (double v : y[a][p]) {
                    grand += v;
                }
            }
        }
        grand /= n;
        double ssA = 0;
        for (int a = 0; a < appraisers; a++) {
            ssA += Math.pow(appraiserMean(a) - grand, 2);
        }
        ssA *= parts * trials;
        double ssP = 0;
        for (int p = 0; p < parts; p++) {
            ssP += Math.pow(partMean(p) - grand, 2);
        }
        ssP *= appraisers * trials;
        double ssAP = 0;
        double ssE = 0;
        for (int a = 0; a < appraisers; a++) {
            for (int p = 0; p < parts; p++) {
                double cell = cellMean(a, p);
                ssAP += Math.pow(cell - appraiserMean(a) - partMean(p) + grand, 2);
                for (double v : y[a][p]) {
                    ssE += Math.pow(v - cell, 2);
                }
            }
        }
        ssAP *= trials;
        int dfA = appraisers - 1;
        int dfP = parts - 1;
        int dfAP = dfA * dfP;
        int dfE = appraisers * parts * (trials - 1);
        double msA = ssA / dfA;
        double msP = ssP / dfP;
        double msAP = ssAP / dfAP;
        double msE = ssE / dfE;
        double repeatability;
        double interaction;
        double msAgainst; // what the appraiser and part mean squares are measured against
        if (fTailProbability(msAP / msE, dfAP, dfE) > 0.05) { // not significant: pooled into the error
            repeatability = (ssAP + ssE) / (dfAP + dfE);
            interaction = 0;
            msAgainst = repeatability;
        } else {
            repeatability = msE;
            interaction = Math.max(0, (msAP - msE) / trials);
            msAgainst = msAP;
        }
        double appraiser = Math.max(0, (msA - msAgainst) / (parts * trials));
        double part = Math.max(0, (msP - msAgainst) / (appraisers * trials));
        return result("ANOVA", Math.sqrt(repeatability), Math.sqrt(appraiser), Math.sqrt(interaction), Math.sqrt(part), tolerance);
    }

    private static Result result(String method, double ev, double av, double interaction, double pv, Double tolerance) {
        double grr = Math.sqrt(ev * ev + av * av + interaction * interaction);
        double tv = Math.sqrt(grr * grr + pv * pv);
        double pctGrr = 100 * grr / tv;
        Double pctTol = tolerance == null ? null : 100 * 6 * grr / tolerance;
        int ndc = grr > 0 ? (int) Math.floor(1.41 * pv / grr) : Integer.MAX_VALUE;
        double worst = pctTol == null ? pctGrr : Math.max(pctGrr, pctTol);
        Verdict v = worst > 30 ? Verdict.NOT_ACCEPTABLE : worst >= 10 || ndc < 5 ? Verdict.CONDITIONAL : Verdict.ACCEPTABLE;
        return new Result(method, ev, av, interaction, grr, pv, tv, 100 * ev / tv, 100 * av / tv, pctGrr, 100 * pv / tv, pctTol, ndc, v);
    }

    /** P(F > f) for F with d1 and d2 degrees of freedom: the regularized incomplete beta I_{d2/(d2+d1 f)}(d2/2, d1/2). */
    static double fTailProbability(double f, int d1, int d2) {
        if (f <= 0) {
            return 1;
        }
        return regularizedBeta(d2 / (d2 + d1 * f), d2 / 2.0, d1 / 2.0);
    }

    private static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
        if (x < (a + 1) / (a + b + 2)) {
            return front * continuedFraction(x, a, b) / a;
        }
        return 1 - front * continuedFraction(1 - x, b, a) / b;
    }

    /** Lentz's method for the incomplete beta's continued fraction. */
    private static double continuedFraction(double x, double a, double b) {
        double tiny = 1e-300;
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = 1 / (Math.abs(d) < tiny ? tiny : d);
        double h = d;
        for (int m = 1; m <= 300; m++) {
            int m2 = 2 * m;
            double num = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + num * d;
            d = 1 / (Math.abs(d) < tiny ? tiny : d);
            c = 1 + num / c;
            c = Math.abs(c) < tiny ? tiny : c;
            h *= d * c;
            num = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + num * d;
            d = 1 / (Math.abs(d) < tiny ? tiny : d);
            c = 1 + num / c;
            c = Math.abs(c) < tiny ? tiny : c;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < 1e-14) {
                break;
            }
        }
        return h;
    }

    /** Lanczos' approximation of ln Γ(x), x > 0. */
    private static double logGamma(double x) {
        double[] g = {676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
            -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        double z = x - 1;
        double s = 0.99999999999980993;
        for (int i = 0; i < g.length; i++) {
            s += g[i] / (z + i + 1);
        }
        double t = z + g.length - 0.5;
        return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s);
    }
}
