package mes.quality.domain;

import java.util.List;

/**
 * Process capability (AIAG): Cp and Cpk from the within-subgroup sigma (R-bar / d2 for subgroups
 * of 2-10, MR-bar / 1.128 for individual values), Pp and Ppk from the overall sample standard
 * deviation (n - 1). Cp and Pp need both limits; Cpk and Ppk take the nearer of the limits
 * given. An index is null when it cannot be computed (too few values, no spread).
 */
public record Capability(int values, int subgroupSize, double mean, Double sigmaWithin, Double sigmaOverall, Double cp, Double cpk,
        Double pp, Double ppk) {

    /** Subgroups of equal size, oldest first. */
    public static Capability of(List<double[]> subgroups, Spec spec) {
        int size = subgroups.isEmpty() ? 0 : subgroups.get(0).length;
        int n = 0;
        double sum = 0;
        for (double[] g : subgroups) {
            if (g.length != size) {
                throw new IllegalArgumentException("subgroups must be of one size");
            }
            for (double v : g) {
                sum += v;
                n++;
            }
        }
        if (n == 0) {
            return new Capability(0, size, Double.NaN, null, null, null, null, null, null);
        }
        double mean = sum / n;
        double squares = 0;
        for (double[] g : subgroups) {
            for (double v : g) {
                squares += (v - mean) * (v - mean);
            }
        }
        Double overall = n > 1 ? Math.sqrt(squares / (n - 1)) : null;
        Double within = within(subgroups, size);
        return new Capability(n, size, mean, within, overall, cp(spec, within), cpk(spec, mean, within), cp(spec, overall),
                cpk(spec, mean, overall));
    }

    private static Double within(List<double[]> subgroups, int size) {
        if (size == 1) {
            if (subgroups.size() < 2) {
                return null;
            }
            double ranges = 0;
            for (int i = 1; i < subgroups.size(); i++) {
                ranges += Math.abs(subgroups.get(i)[0] - subgroups.get(i - 1)[0]);
            }
            return ranges / (subgroups.size() - 1) / SpcConstants.d2(2);
        }
        double ranges = 0;
        for (double[] g : subgroups) {
            ranges += range(g);
        }
        return ranges / subgroups.size() / SpcConstants.d2(size);
    }

    static double range(double[] g) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : g) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return max - min;
    }

    private static Double cp(Spec spec, Double sigma) {
        if (!spec.twoSided() || sigma == null || sigma == 0) {
            return null;
        }
        return (spec.usl() - spec.lsl()) / (6 * sigma);
    }

    private static Double cpk(Spec spec, double mean, Double sigma) {
        if (sigma == null || sigma == 0 || spec.lsl() == null && spec.usl() == null) {
            return null;
        }
        double upper = spec.usl() == null ? Double.POSITIVE_INFINITY : (spec.usl() - mean) / (3 * sigma);
        double lower = spec.lsl() == null ? Double.POSITIVE_INFINITY : (mean - spec.lsl()) / (3 * sigma);
        return Math.min(upper, lower);
    }

    /** Whether Cpk and Ppk reach the targets; false when either is unknown. */
    public boolean meets(double cpkTarget, double ppkTarget) {
        return cpk != null && ppk != null && cpk >= cpkTarget && ppk >= ppkTarget;
    }
}
