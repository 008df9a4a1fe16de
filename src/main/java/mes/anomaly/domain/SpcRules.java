package mes.anomaly.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The run rules of an individuals chart over the latest points, given as z-scores
 * ((x - centre) / sigma), oldest first, the newest last. Each rule reports whether the newest
 * point completes its pattern, so one pattern flags the point that completes it (and every
 * further point that keeps it going).
 *
 * <p>Nelson (1984): 1 one point beyond 3 sigma; 2 {@code sameSideRun} (9) in a row on one side;
 * 3 {@code trendRun} (6) in a row steadily increasing or decreasing; 4 fourteen in a row
 * alternating up and down; 5 two of three beyond 2 sigma on the same side; 6 four of five beyond
 * 1 sigma on the same side; 7 fifteen in a row within 1 sigma (on both sides of the centre);
 * 8 eight in a row beyond 1 sigma with points on both sides. Western Electric: 1 one point beyond 3
 * sigma; 2 two of three beyond 2 sigma on one side; 3 four of five beyond 1 sigma on one side; 4
 * {@code sameSideRun} (8) in a row on one side.
 */
public final class SpcRules {

    private SpcRules() {
    }

    /** The rules the newest point violates, named NELSON_n or WE_n. */
    public static List<String> violated(double[] z, int n, DetectionSettings.RuleSet set, int sameSideRun, int trendRun) {
        List<String> out = new ArrayList<>();
        if (n == 0) {
            return out;
        }
        if (set == DetectionSettings.RuleSet.NELSON) {
            add(out, "NELSON_1", beyond(z, n));
            add(out, "NELSON_2", sameSide(z, n, sameSideRun));
            add(out, "NELSON_3", trend(z, n, trendRun));
            add(out, "NELSON_4", alternating(z, n, 14));
            add(out, "NELSON_5", kOfMBeyond(z, n, 2, 3, 2));
            add(out, "NELSON_6", kOfMBeyond(z, n, 4, 5, 1));
            add(out, "NELSON_7", withinOne(z, n, 15));
            add(out, "NELSON_8", bothSidesBeyondOne(z, n, 8));
        } else {
            add(out, "WE_1", beyond(z, n));
            add(out, "WE_2", kOfMBeyond(z, n, 2, 3, 2));
            add(out, "WE_3", kOfMBeyond(z, n, 4, 5, 1));
            add(out, "WE_4", sameSide(z, n, sameSideRun));
        }
        return out;
    }

    private static void add(List<String> out, String rule, boolean violated) {
        if (violated) {
            out.add(rule);
        }
    }

    private static double at(double[] z, int n, int back) {
        return z[n - 1 - back];
    }

    static boolean beyond(double[] z, int n) {
        return Math.abs(at(z, n, 0)) > 3;
    }

    static boolean sameSide(double[] z, int n, int run) {
        if (n < run) {
            return false;
        }
        double sign = Math.signum(at(z, n, 0));
        if (sign == 0) {
            return false;
        }
        for (int i = 1; i < run; i++) {
            if (Math.signum(at(z, n, i)) != sign) {
                return false;
            }
        }
        return true;
    }

    static boolean trend(double[] z, int n, int run) {
        if (n < run) {
            return false;
        }
        boolean up = true;
        boolean down = true;
        for (int i = 0; i < run - 1; i++) {
            double newer = at(z, n, i);
            double older = at(z, n, i + 1);
            up &= newer > older;
            down &= newer < older;
        }
        return up || down;
    }

    static boolean alternating(double[] z, int n, int run) {
        if (n < run) {
            return false;
        }
        double previous = 0;
        for (int i = 0; i < run - 1; i++) {
            double d = Math.signum(at(z, n, i) - at(z, n, i + 1));
            if (d == 0 || d == previous) {
                return false;
            }
            previous = d;
        }
        return true;
    }

    /** k of the last m beyond `limit` sigma on the newest point's side, the newest among them. */
    static boolean kOfMBeyond(double[] z, int n, int k, int m, double limit) {
        if (n < m) {
            return false;
        }
        double newest = at(z, n, 0);
        if (Math.abs(newest) <= limit) {
            return false;
        }
        double sign = Math.signum(newest);
        int count = 0;
        for (int i = 0; i < m; i++) {
            double v = at(z, n, i);
            if (Math.signum(v) == sign && Math.abs(v) > limit) {
                count++;
            }
        }
        return count >= k;
    }

    static boolean withinOne(double[] z, int n, int run) {
        return allOnBothSides(z, n, run, true);
    }

    static boolean bothSidesBeyondOne(double[] z, int n, int run) {
        return allOnBothSides(z, n, run, false);
    }

    /** The last `run` points all within 1 sigma (or all beyond it), with points on both sides of the centre. */
    private static boolean allOnBothSides(double[] z, int n, int run, boolean within) {
        if (n < run) {
            return false;
        }
        boolean above = false;
        boolean below = false;
        for (int i = 0; i < run; i++) {
            double v = at(z, n, i);
            if (within ? Math.abs(v) >= 1 : Math.abs(v) <= 1) {
                return false;
            }
            above |= v > 0;
            below |= v < 0;
        }
        return above && below;
    }
}
