package mes.oee.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A machine's counter samples turned into increments once, in ts order: each sample adds the
 * difference from the previous value of the same counter, a reset (the counter went down) adds
 * the new value, and the first sample is only the baseline. Only samples that add something are
 * kept; {@link #forEachIn} finds a window's by binary search, so one read of a long span serves
 * many small windows.
 */
public final class CounterIncrements {

    /** What one sample added, and the work order it named (null: none). */
    public record Increment(Instant ts, long good, long scrap, String workOrder) {
    }

    /** Receives increments. */
    @FunctionalInterface
    public interface Sink {
        void accept(Increment increment);
    }

    private final List<Increment> increments;

    private CounterIncrements(List<Increment> increments) {
        this.increments = increments;
    }

    /** @param samples cumulative counter samples in any order, from the last one before the span of interest */
    public static CounterIncrements of(List<CounterSample> samples) {
        List<CounterSample> sorted = samples.stream().sorted(Comparator.comparing(CounterSample::ts)).toList();
        List<Increment> out = new ArrayList<>();
        Long lastGood = null;
        Long lastScrap = null;
        for (CounterSample c : sorted) {
            long good = CounterSample.increment(lastGood, c.good());
            long scrap = CounterSample.increment(lastScrap, c.scrap());
            if (c.good() != null) {
                lastGood = c.good();
            }
            if (c.scrap() != null) {
                lastScrap = c.scrap();
            }
            if (good > 0 || scrap > 0) {
                out.add(new Increment(c.ts(), good, scrap, c.workOrder()));
            }
        }
        return new CounterIncrements(out);
    }

    /** The increments whose ts lies in the window, in ts order. */
    public void forEachIn(Interval window, Sink sink) {
        int lo = 0;
        int hi = increments.size();
        while (lo < hi) { // first increment at or after window.from
            int mid = (lo + hi) >>> 1;
            if (increments.get(mid).ts().isBefore(window.from())) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        for (int i = lo; i < increments.size() && increments.get(i).ts().isBefore(window.to()); i++) {
            sink.accept(increments.get(i));
        }
    }
}
