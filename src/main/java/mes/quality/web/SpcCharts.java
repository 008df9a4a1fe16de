package mes.quality.web;

import io.quarkus.qute.RawString;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import mes.quality.SpcService.Subgroup;
import mes.quality.domain.ControlChart;

/**
 * A control chart as server-rendered SVG, like the OEE charts: centre line, control limits
 * (dashed), specification limits (on the location chart, red), the points joined, and points
 * that violate a rule drawn as red squares with the rule in their tooltip. Every text is escaped.
 */
public final class SpcCharts {

    private static final double WIDTH = 1000;
    private static final double HEIGHT = 260;
    private static final double LEFT = 70;
    private static final double RIGHT = 90;
    private static final double TOP = 12;
    private static final double BOTTOM = 34;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ENGLISH).withZone(java.time.ZoneOffset.UTC);

    private SpcCharts() {
    }

    public static RawString render(ControlChart chart, List<Subgroup> subgroups, Double lsl, Double usl, String unit) {
        double lo = Math.min(chart.lcl(), chart.centre());
        double hi = Math.max(chart.ucl(), chart.centre());
        for (ControlChart.Point p : chart.points()) {
            lo = Math.min(lo, p.value());
            hi = Math.max(hi, p.value());
        }
        if (lsl != null) {
            lo = Math.min(lo, lsl);
        }
        if (usl != null) {
            hi = Math.max(hi, usl);
        }
        double pad = (hi - lo) * 0.06;
        if (pad == 0) {
            pad = Math.max(Math.abs(hi) * 0.01, 1e-9);
        }
        final double yLo = lo - pad;
        final double yHi = hi + pad;
        int n = subgroups.size();
        String title = chart.kind().label + " chart";
        StringBuilder svg = new StringBuilder(8192).append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart spc\" viewBox=\"0 0 ")
                .append(f(WIDTH)).append(' ').append(f(HEIGHT)).append("\" role=\"img\" aria-label=\"").append(esc(title))
                .append("\"><title>").append(esc(title)).append("</title>");
        java.util.function.DoubleUnaryOperator y = v -> TOP + (yHi - v) / (yHi - yLo) * (HEIGHT - TOP - BOTTOM);
        java.util.function.IntToDoubleFunction x = i -> LEFT + (n <= 1 ? 0.5 : i / (double) (n - 1)) * (WIDTH - LEFT - RIGHT);
        line(svg, "centre", y.applyAsDouble(chart.centre()), "CL " + num(chart.centre()));
        line(svg, "limit", y.applyAsDouble(chart.ucl()), "UCL " + num(chart.ucl()));
        if (chart.lcl() > 0 || chart.kind() == ControlChart.Kind.XBAR || chart.kind() == ControlChart.Kind.INDIVIDUALS) {
            line(svg, "limit", y.applyAsDouble(chart.lcl()), "LCL " + num(chart.lcl()));
        }
        if (usl != null) {
            line(svg, "spec", y.applyAsDouble(usl), "USL " + num(usl));
        }
        if (lsl != null) {
            line(svg, "spec", y.applyAsDouble(lsl), "LSL " + num(lsl));
        }
        StringBuilder path = new StringBuilder();
        for (ControlChart.Point p : chart.points()) {
            path.append(path.length() == 0 ? "M" : " L").append(f(x.applyAsDouble(p.index()))).append(' ').append(f(y.applyAsDouble(p.value())));
        }
        svg.append("<path class=\"series\" d=\"").append(path).append("\"/>");
        String u = unit == null ? "" : " " + unit;
        for (ControlChart.Point p : chart.points()) {
            Subgroup g = subgroups.get(p.index());
            double px = x.applyAsDouble(p.index());
            double py = y.applyAsDouble(p.value());
            String tip = chart.kind().label + " " + num(p.value()) + u + " · lot " + g.lotId() + " · " + DAY.format(g.inspectedAt()) + " UTC"
                    + (p.out() ? " · " + String.join(", ", p.violations()) : "");
            if (p.out()) {
                svg.append("<rect class=\"violation\" x=\"").append(f(px - 5)).append("\" y=\"").append(f(py - 5))
                        .append("\" width=\"10\" height=\"10\"><title>").append(esc(tip)).append("</title></rect>");
            } else {
                svg.append("<circle class=\"point\" cx=\"").append(f(px)).append("\" cy=\"").append(f(py)).append("\" r=\"3.5\"><title>")
                        .append(esc(tip)).append("</title></circle>");
            }
        }
        if (n > 0) {
            svg.append("<text class=\"axis\" x=\"").append(f(LEFT)).append("\" y=\"").append(f(HEIGHT - 8)).append("\">")
                    .append(esc(DAY.format(subgroups.get(0).inspectedAt()))).append("</text>");
            svg.append("<text class=\"axis\" text-anchor=\"end\" x=\"").append(f(WIDTH - RIGHT)).append("\" y=\"").append(f(HEIGHT - 8))
                    .append("\">").append(esc(DAY.format(subgroups.get(n - 1).inspectedAt()))).append("</text>");
        }
        return new RawString(svg.append("</svg>").toString());
    }

    private static void line(StringBuilder svg, String cls, double y, String label) {
        svg.append("<line class=\"").append(cls).append("\" x1=\"").append(f(LEFT)).append("\" x2=\"").append(f(WIDTH - RIGHT))
                .append("\" y1=\"").append(f(y)).append("\" y2=\"").append(f(y)).append("\"/>");
        svg.append("<text class=\"axis ").append(cls).append("\" x=\"").append(f(WIDTH - RIGHT + 6)).append("\" y=\"").append(f(y + 4))
                .append("\">").append(esc(label)).append("</text>");
    }

    static String num(double v) {
        return mes.web.Formats.plainPrecise(v);
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String esc(String s) {
        return mes.platform.Markup.escape(s);
    }
}
