package mes.maintenance.domain;

import java.util.ArrayList;
import java.util.List;
import mes.equipment.domain.ReasonTree;

/**
 * The maintenance figures of contracts/maintenance.md for a machine or a sum of machines: failures
 * (FE), the sum of their times to restoration, minor stops and APT; MTBF = APT / FE and MTTR = sum
 * TTR / FE, null when there was no failure. Full precision, no rounding.
 */
public record MaintenanceFigures(long failures, double failureSeconds, long minorStops, double apt, boolean failureOngoing) {

    public static final MaintenanceFigures ZERO = new MaintenanceFigures(0, 0, 0, 0, false);

    /**
     * One machine's figures from the stops that started in the window (each with its whole
     * duration, also past the window's end) and the window's APT.
     */
    public static MaintenanceFigures of(List<Stop> stops, ReasonTree tree, int microStopSeconds, double apt) {
        long failures = 0;
        long minor = 0;
        double ttr = 0;
        boolean ongoing = false;
        for (Stop s : stops) {
            switch (s.kind(tree.categoryOf(s.reason()), microStopSeconds)) {
                case MINOR_STOP -> minor++;
                case FAILURE -> {
                    failures++;
                    ttr += s.seconds();
                    ongoing |= s.ongoing();
                }
                case OTHER -> {
                }
            }
        }
        return new MaintenanceFigures(failures, ttr, minor, apt, ongoing);
    }

    /** The aggregate: sums of APT, FE and TTR. */
    public MaintenanceFigures plus(MaintenanceFigures o) {
        return new MaintenanceFigures(failures + o.failures, failureSeconds + o.failureSeconds, minorStops + o.minorStops,
                apt + o.apt, failureOngoing || o.failureOngoing);
    }

    /** Mean operating time between failures, seconds; null without failures. */
    public Double mtbf() {
        return failures == 0 ? null : apt / failures;
    }

    /** Mean time to restoration, seconds; null without failures. */
    public Double mttr() {
        return failures == 0 ? null : failureSeconds / failures;
    }

    public List<String> flags() {
        List<String> flags = new ArrayList<>();
        if (failures == 0) {
            flags.add("NO_FAILURES");
        }
        if (failureOngoing) {
            flags.add("FAILURE_ONGOING");
        }
        return flags;
    }
}
