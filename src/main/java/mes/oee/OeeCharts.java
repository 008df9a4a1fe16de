package mes.oee;

import io.quarkus.qute.RawString;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import mes.equipment.domain.MachineState;
import mes.oee.domain.Interval;
import mes.oee.domain.OeeElements;
import mes.oee.domain.Segment;
import mes.platform.Markup;

/**
 * Server-rendered SVG charts: they print, they go into PDF reports unchanged, and they need no
 * JavaScript. Every text is escaped; sizes are in user units and scale with the viewBox.
 */
public final class OeeCharts {

    private OeeCharts() {
    }

    /** The state timeline: one coloured bar per segment, hours marked below. */
    public static RawString timeline(List<Segment> segments, Interval window, java.time.ZoneId zone) {
        double width = 1000;
        double total = window.seconds();
        StringBuilder svg = open(width, 70, "State timeline");
        for (Segment s : columns(segments, window, (int) width)) {
            double x = new Interval(window.from(), s.period().from()).seconds() / total * width;
            double w = Math.max(0.5, s.period().seconds() / total * width);
            svg.append("<rect x=\"").append(f(x)).append("\" y=\"4\" width=\"").append(f(w)).append("\" height=\"40\" class=\"")
                    .append(css(s.state())).append("\"><title>").append(esc(label(s))).append("</title></rect>");
        }
        for (int i = 0; i <= 4; i++) {
            Instant t = window.from().plusMillis((long) (window.duration().toMillis() * i / 4.0));
            double x = i * width / 4;
            svg.append("<text x=\"").append(f(Math.min(x, width - 80))).append("\" y=\"64\" class=\"axis\">")
                    .append(esc(java.time.format.DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH).withZone(zone).format(t)))
                    .append("</text>");
        }
        return close(svg);
    }

    /**
     * The segments as the chart can show them: where several fall into one of {@code columns} pixel
     * columns, the state that covers most of the column stands for it, and neighbouring columns of
     * one state join. A week's thousands of short states become at most one rectangle per pixel;
     * a shift's stay as they are.
     */
    static List<Segment> columns(List<Segment> segments, Interval window, int columns) {
        double columnSeconds = window.seconds() / columns;
        boolean fine = segments.stream().allMatch(s -> s.period().seconds() >= columnSeconds);
        if (fine || segments.isEmpty()) {
            return segments;
        }
        List<Segment> out = new java.util.ArrayList<>();
        int next = 0;
        for (int col = 0; col < columns; col++) {
            Instant from = window.from().plusNanos((long) (col * columnSeconds * 1e9));
            Instant to = col == columns - 1 ? window.to() : window.from().plusNanos((long) ((col + 1) * columnSeconds * 1e9));
            java.util.EnumMap<mes.equipment.domain.MachineState, Double> covered = new java.util.EnumMap<>(mes.equipment.domain.MachineState.class);
            while (next < segments.size() && !segments.get(next).period().to().isAfter(from)) {
                next++;
            }
            Segment longest = null;
            for (int i = next; i < segments.size() && segments.get(i).period().from().isBefore(to); i++) {
                Segment s = segments.get(i);
                Instant a = s.period().from().isAfter(from) ? s.period().from() : from;
                Instant b = s.period().to().isBefore(to) ? s.period().to() : to;
                double seconds = covered.merge(s.state(), new Interval(a, b).seconds(), Double::sum);
                if (longest == null || seconds > covered.get(longest.state())) {
                    longest = s;
                }
            }
            if (longest == null) {
                continue;
            }
            Segment last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.state() == longest.state() && last.period().to().equals(from)) {
                out.set(out.size() - 1, new Segment(new Interval(last.period().from(), to), last.state(), null));
            } else {
                out.add(new Segment(new Interval(from, to), longest.state(), null));
            }
        }
        return out;
    }

    /** The loss waterfall: planned busy time, minus each loss, down to fully productive time. */
    public static RawString waterfall(OeeElements e) {
        OeeElements.Losses l = e.losses();
        String[] labels = {"Planned busy", "Breakdowns", "Setup", "Idling", "Reduced speed", "Scrap", "Fully productive"};
        double[] values = {e.pbt(), l.breakdowns(), l.setup(), l.idling(), Math.max(0, l.reducedSpeed()), l.scrap(), e.priGq()};
        double max = Math.max(1, e.pbt());
        double width = 1000;
        double barW = width / labels.length;
        StringBuilder svg = open(width, 260, "Loss waterfall (hours)");
        double level = e.pbt();
        for (int i = 0; i < labels.length; i++) {
            double top;
            double height;
            String cls;
            if (i == 0 || i == labels.length - 1) {
                top = values[i];
                height = values[i];
                cls = i == 0 ? "bar-total" : "bar-good";
            } else {
                top = level;
                height = Math.min(values[i], level);
                level -= height;
                cls = "bar-loss";
            }
            double y = 200 - top / max * 190;
            double h = Math.max(0.5, height / max * 190);
            double x = i * barW + 8;
            svg.append("<rect x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" width=\"").append(f(barW - 16))
                    .append("\" height=\"").append(f(h)).append("\" class=\"").append(cls).append("\"><title>")
                    .append(esc(labels[i] + ": " + hours(values[i]) + " h")).append("</title></rect>");
            svg.append("<text x=\"").append(f(x)).append("\" y=\"218\" class=\"axis\">").append(esc(labels[i])).append("</text>");
            svg.append("<text x=\"").append(f(x)).append("\" y=\"236\" class=\"value\">").append(hours(values[i])).append(" h</text>");
        }
        return close(svg);
    }

    /** A Pareto of downtime by reason, largest first, as horizontal bars. */
    public static RawString pareto(List<String> reasons, List<Double> seconds) {
        double width = 1000;
        double rowH = 34;
        double height = Math.max(1, reasons.size()) * rowH + 10;
        double max = seconds.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        StringBuilder svg = open(width, height, "Downtime by reason");
        if (reasons.isEmpty()) {
            svg.append("<text x=\"0\" y=\"24\" class=\"axis\">No downtime in this period</text>");
        }
        for (int i = 0; i < reasons.size(); i++) {
            double y = i * rowH + 4;
            double w = seconds.get(i) / max * 620;
            svg.append("<text x=\"0\" y=\"").append(f(y + 21)).append("\" class=\"axis\">").append(esc(reasons.get(i))).append("</text>");
            svg.append("<rect x=\"260\" y=\"").append(f(y)).append("\" width=\"").append(f(Math.max(1, w)))
                    .append("\" height=\"26\" class=\"bar-loss\"/>");
            svg.append("<text x=\"").append(f(270 + w)).append("\" y=\"").append(f(y + 21)).append("\" class=\"value\">")
                    .append(minutes(seconds.get(i))).append(" min</text>");
        }
        return close(svg);
    }

    private static StringBuilder open(double width, double height, String title) {
        return new StringBuilder(4096).append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ")
                .append(f(width)).append(' ').append(f(height)).append("\" role=\"img\" aria-label=\"").append(esc(title))
                .append("\"><title>").append(esc(title)).append("</title>");
    }

    private static RawString close(StringBuilder svg) {
        return new RawString(svg.append("</svg>").toString());
    }

    private static String label(Segment s) {
        return s.state().name() + (s.reason() == null ? "" : " (" + s.reason() + ")") + " " + s.period().from() + " - "
                + s.period().to();
    }

    static String css(MachineState s) {
        return s.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static String hours(double seconds) {
        return String.format(Locale.ROOT, "%.1f", seconds / 3600);
    }

    public static String minutes(double seconds) {
        return String.format(Locale.ROOT, "%.0f", seconds / 60);
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Every chart's texts go through it. */
    static String esc(String s) {
        return Markup.escape(s);
    }
}
