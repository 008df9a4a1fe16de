package mes.anomaly.domain;

/**
 * The centre line and sigma of a sensor's individuals chart, estimated from a baseline window:
 * centre = the mean; sigma = the average moving range / d2, d2 = 1.128 for ranges of two
 * consecutive values (sigma within, which a slow drift does not inflate).
 */
public record Baseline(double centre, double sigma, int samples) {

    public static final double D2 = 1.128;

    /** The baseline of the values in their order; empty when fewer than two values or no variation at all. */
    public static java.util.Optional<Baseline> of(double[] values) {
        if (values.length < 2) {
            return java.util.Optional.empty();
        }
        double sum = 0;
        double ranges = 0;
        for (int i = 0; i < values.length; i++) {
            sum += values[i];
            if (i > 0) {
                ranges += Math.abs(values[i] - values[i - 1]);
            }
        }
        double sigma = ranges / (values.length - 1) / D2;
        if (!(sigma > 0)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Baseline(sum / values.length, sigma, values.length));
    }
}
