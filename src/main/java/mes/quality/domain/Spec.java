package mes.quality.domain;

/** The specification limits of a characteristic; either may be absent (a one-sided tolerance). */
public record Spec(Double lsl, Double usl) {

    public Spec {
        if (lsl != null && usl != null && !(lsl < usl)) {
            throw new IllegalArgumentException("the lower limit must be below the upper limit");
        }
    }

    public boolean accepts(double value) {
        return (lsl == null || value >= lsl) && (usl == null || value <= usl);
    }

    /** PASS when every value is within the limits. */
    public boolean acceptsAll(double[] values) {
        for (double v : values) {
            if (!accepts(v)) {
                return false;
            }
        }
        return values.length > 0;
    }

    public boolean twoSided() {
        return lsl != null && usl != null;
    }
}
