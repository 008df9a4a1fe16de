package mes.oee.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The loss time of minor stops (contracts/maintenance.md: a DOWN stop shorter than the machine's
 * micro-stop threshold, whatever its reason), by the reason the OEE figures keep it under, so the
 * Pareto by loss category can show it as MINOR_STOP instead of under its reason's category.
 */
public final class MinorStops {

    private MinorStops() {
    }

    /**
     * @param down the machine's DOWN segments over a read that holds the window and the threshold
     *     before and after it (or up to now), in time order: a stop reaching into the window is
     *     then seen whole, or as long as it has lasted
     * @param planned the planned time (shift spans, merged) and its breaks: loss time counts only there
     */
    public static Map<String, Double> lossByReason(List<Segment> down, Interval window, int thresholdSeconds, List<Interval> planned,
            List<Interval> breaks) {
        Map<String, Double> out = new LinkedHashMap<>();
        List<Segment> run = new ArrayList<>();
        for (Segment s : down) {
            if (!run.isEmpty() && !run.get(run.size() - 1).period().to().equals(s.period().from())) {
                add(run, window, thresholdSeconds, planned, breaks, out);
                run.clear();
            }
            run.add(s);
        }
        add(run, window, thresholdSeconds, planned, breaks, out);
        return out;
    }

    private static void add(List<Segment> run, Interval window, int threshold, List<Interval> planned, List<Interval> breaks,
            Map<String, Double> out) {
        if (run.isEmpty() || new Interval(run.get(0).period().from(), run.get(run.size() - 1).period().to()).seconds() >= threshold) {
            return;
        }
        for (Segment s : run) {
            Interval inWindow = s.period().intersect(window);
            if (inWindow == null) {
                continue;
            }
            for (Interval p : planned) {
                Interval i = inWindow.intersect(p);
                if (i == null) {
                    continue;
                }
                for (Interval piece : OeeCalculator.minus(i, breaks)) {
                    out.merge(s.reason() != null ? s.reason() : "DOWN", piece.seconds(), Double::sum);
                }
            }
        }
    }
}
