package mes.oee.domain;

import java.time.Instant;

/** The PLC's cumulative counters at ts; either may be null (not sent); the work order running then, if sent. */
public record CounterSample(Instant ts, Long good, Long scrap, String workOrder) {

    public CounterSample(Instant ts, Long good, Long scrap) {
        this(ts, good, scrap, null);
    }

    /**
     * The increment of a cumulative counter from the previous sample: the difference, or the new
     * value when the counter went down (a reset). No previous value (the first sample) adds nothing.
     */
    public static long increment(Long previous, Long current) {
        if (current == null || previous == null) {
            return 0;
        }
        return current >= previous ? current - previous : current;
    }
}
