package mes.quality.domain;

/**
 * The control chart constants of the AIAG SPC manual (2nd edition, appendix E) for subgroup sizes
 * 2 to 10: d2 (sigma = R-bar / d2), A2 (X-bar limits), D3 and D4 (range limits); and E2 = 2.66 for
 * individuals charts (3 / d2 of a moving range of two).
 */
public final class SpcConstants {

    public static final int MIN_SUBGROUP = 2;
    public static final int MAX_SUBGROUP = 10;
    /** Individuals chart limits: X-bar +- E2 MR-bar. */
    public static final double E2 = 2.66;
    /** Moving range chart upper limit: D4 of n = 2. */
    public static final double D4_MOVING_RANGE = 3.267;

    private static final double[] D2 = {0, 0, 1.128, 1.693, 2.059, 2.326, 2.534, 2.704, 2.847, 2.970, 3.078};
    private static final double[] A2 = {0, 0, 1.880, 1.023, 0.729, 0.577, 0.483, 0.419, 0.373, 0.337, 0.308};
    private static final double[] D3 = {0, 0, 0, 0, 0, 0, 0, 0.076, 0.136, 0.184, 0.223};
    private static final double[] D4 = {0, 0, 3.267, 2.574, 2.282, 2.114, 2.004, 1.924, 1.864, 1.816, 1.777};

    private SpcConstants() {
    }

    public static double d2(int n) {
        return D2[checked(n)];
    }

    public static double a2(int n) {
        return A2[checked(n)];
    }

    public static double d3(int n) {
        return D3[checked(n)];
    }

    public static double d4(int n) {
        return D4[checked(n)];
    }

    private static int checked(int n) {
        if (n < MIN_SUBGROUP || n > MAX_SUBGROUP) {
            throw new IllegalArgumentException("subgroup size " + n + " is outside 2-10");
        }
        return n;
    }
}
