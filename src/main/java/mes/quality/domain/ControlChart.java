package mes.quality.domain;

import java.util.ArrayList;
import java.util.List;
import mes.anomaly.domain.DetectionSettings;
import mes.anomaly.domain.SpcRules;

/**
 * A control chart: its centre line, limits and points, each point with the run rules it
 * violates. The limits are either computed from the points shown (a phase I study of the period)
 * or given: a frozen, approved baseline (phase II), against which new points are judged. The
 * location chart (X-bar or individuals) is checked against Nelson's eight rules, the dispersion
 * chart (R or moving range) against points beyond its limits.
 */
public record ControlChart(Kind kind, double centre, double lcl, double ucl, List<Point> points) {

    public enum Kind {
        XBAR("X-bar"), RANGE("R"), INDIVIDUALS("I"), MOVING_RANGE("MR");

        public final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** One plotted value; {@code index} is the subgroup's position in the input, oldest first. */
    public record Point(int index, double value, List<String> violations) {
        public boolean out() {
            return !violations.isEmpty();
        }
    }

    /** The limits of a pair of charts, as a baseline keeps them. */
    public record Limits(Kind location, double centre, double lcl, double ucl, Kind dispersion, double dispersionCentre,
            double dispersionLcl, double dispersionUcl) {
    }

    /** The pair of charts for subgroups of one size: X-bar and R (2-10) or I and MR (1). Needs two subgroups. */
    public record Pair(ControlChart location, ControlChart dispersion) {

        /** Phase I: the limits computed from these subgroups. */
        public static Pair of(List<double[]> subgroups) {
            int size = size(subgroups);
            return size == 1 ? individuals(subgroups) : xbarR(subgroups, size);
        }

        /** Phase II: these subgroups judged against given limits (a baseline of the same chart kind). */
        public static Pair against(List<double[]> subgroups, Limits limits) {
            int size = size(subgroups);
            Kind kind = size == 1 ? Kind.INDIVIDUALS : Kind.XBAR;
            if (limits.location() != kind) {
                throw new IllegalArgumentException("the baseline is of an " + limits.location().label + " chart, these subgroups make an "
                        + kind.label + " chart");
            }
            double[][] series = size == 1 ? individualSeries(subgroups) : xbarSeries(subgroups, size);
            return new Pair(locationChart(kind, series[0], 0, limits.centre(), limits.lcl(), limits.ucl()),
                    dispersionChart(limits.dispersion(), series[1], size == 1 ? 1 : 0, limits.dispersionCentre(), limits.dispersionLcl(),
                            limits.dispersionUcl()));
        }

        public Limits limits() {
            return new Limits(location.kind(), location.centre(), location.lcl(), location.ucl(), dispersion.kind(), dispersion.centre(),
                    dispersion.lcl(), dispersion.ucl());
        }

        /** In statistical control: no point of either chart breaks a rule. */
        public boolean inControl() {
            return location.violations() == 0 && dispersion.violations() == 0;
        }

        public long signals() {
            return location.violations() + dispersion.violations();
        }

        private static int size(List<double[]> subgroups) {
            if (subgroups.size() < 2) {
                throw new IllegalArgumentException("a control chart needs at least two subgroups");
            }
            int size = subgroups.get(0).length;
            for (double[] g : subgroups) {
                if (g.length != size) {
                    throw new IllegalArgumentException("subgroups must be of one size");
                }
            }
            return size;
        }

        private static double[][] xbarSeries(List<double[]> subgroups, int size) {
            double[] means = new double[subgroups.size()];
            double[] ranges = new double[subgroups.size()];
            for (int i = 0; i < means.length; i++) {
                double s = 0;
                for (double v : subgroups.get(i)) {
                    s += v;
                }
                means[i] = s / size;
                ranges[i] = Capability.range(subgroups.get(i));
            }
            return new double[][] {means, ranges};
        }

        private static double[][] individualSeries(List<double[]> subgroups) {
            double[] values = new double[subgroups.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = subgroups.get(i)[0];
            }
            double[] moving = new double[values.length - 1];
            for (int i = 1; i < values.length; i++) {
                moving[i - 1] = Math.abs(values[i] - values[i - 1]);
            }
            return new double[][] {values, moving};
        }

        private static Pair xbarR(List<double[]> subgroups, int size) {
            double[][] series = xbarSeries(subgroups, size);
            double grand = mean(series[0]);
            double rBar = mean(series[1]);
            double a2 = SpcConstants.a2(size) * rBar;
            ControlChart x = locationChart(Kind.XBAR, series[0], 0, grand, grand - a2, grand + a2);
            ControlChart r = dispersionChart(Kind.RANGE, series[1], 0, rBar, SpcConstants.d3(size) * rBar, SpcConstants.d4(size) * rBar);
            return new Pair(x, r);
        }

        private static Pair individuals(List<double[]> subgroups) {
            double[][] series = individualSeries(subgroups);
            double centre = mean(series[0]);
            double mrBar = mean(series[1]);
            ControlChart i = locationChart(Kind.INDIVIDUALS, series[0], 0, centre, centre - SpcConstants.E2 * mrBar,
                    centre + SpcConstants.E2 * mrBar);
            ControlChart mr = dispersionChart(Kind.MOVING_RANGE, series[1], 1, mrBar, 0, SpcConstants.D4_MOVING_RANGE * mrBar);
            return new Pair(i, mr);
        }
    }

    private static ControlChart locationChart(Kind kind, double[] values, int firstIndex, double centre, double lcl, double ucl) {
        double sigma = (ucl - centre) / 3;
        double[] z = new double[values.length];
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            z[i] = sigma > 0 ? (values[i] - centre) / sigma : 0;
            List<String> v = sigma > 0 ? SpcRules.violated(z, i + 1, DetectionSettings.RuleSet.NELSON, 9, 6) : List.of();
            points.add(new Point(firstIndex + i, values[i], List.copyOf(v)));
        }
        return new ControlChart(kind, centre, lcl, ucl, List.copyOf(points));
    }

    private static ControlChart dispersionChart(Kind kind, double[] values, int firstIndex, double centre, double lcl, double ucl) {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            boolean beyond = values[i] > ucl || values[i] < lcl;
            points.add(new Point(firstIndex + i, values[i], beyond ? List.of("BEYOND_LIMITS") : List.of()));
        }
        return new ControlChart(kind, centre, lcl, ucl, List.copyOf(points));
    }

    private static double mean(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s / values.length;
    }

    public long violations() {
        return points.stream().filter(Point::out).count();
    }
}
