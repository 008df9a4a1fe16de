package mes.maintenance.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import mes.equipment.domain.ReasonTree;
import mes.oee.domain.Interval;

/**
 * The maintenance figures of contracts/maintenance.md for a machine or a sum of machines: failures
 * (FE), the sum of their times to restoration, minor stops and APT; MTBF = APT / FE and MTTR = sum
 * TTR / FE, null when there was no failure. Full precision, no rounding.
 *
 * <p>Failures during which a maintenance andon call was answered split their TTR at the first
 * answer: response (from the failure's start to the answer) and repair (from the answer to the
 * end); {@code answeredFailures} counts them, and their mean response plus mean repair is their
 * MTTR.
 */
public record MaintenanceFigures(long failures, double failureSeconds, long minorStops, double apt, boolean failureOngoing,
        long answeredFailures, double responseSeconds, double repairSeconds) {

    public static final MaintenanceFigures ZERO = new MaintenanceFigures(0, 0, 0, 0, false);

    /** Without answered calls. */
    public MaintenanceFigures(long failures, double failureSeconds, long minorStops, double apt, boolean failureOngoing) {
        this(failures, failureSeconds, minorStops, apt, failureOngoing, 0, 0, 0);
    }

    /**
     * One machine's figures from the stops that started in the window (each with its whole
     * duration, also past the window's end) and the window's APT.
     */
    public static MaintenanceFigures of(List<Stop> stops, ReasonTree tree, int microStopSeconds, double apt) {
        return of(stops, tree, microStopSeconds, apt, List.of());
    }

    /**
     * The same, with the moments the machine's maintenance calls were answered (any order): each
     * failure's first answer inside it splits its time to restoration.
     */
    public static MaintenanceFigures of(List<Stop> stops, ReasonTree tree, int microStopSeconds, double apt, List<Instant> answers) {
        List<Instant> sorted = answers.stream().sorted().toList();
        long answered = 0;
        double response = 0;
        double repair = 0;
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
                    Instant answer = sorted.stream().filter(s.period()::contains).findFirst().orElse(null);
                    if (answer != null) {
                        answered++;
                        response += new Interval(s.period().from(), answer).seconds();
                        repair += new Interval(answer, s.period().to()).seconds();
                    }
                }
                case OTHER -> {
                }
            }
        }
        return new MaintenanceFigures(failures, ttr, minor, apt, ongoing, answered, response, repair);
    }

    /** The aggregate: sums of APT, FE and TTR. */
    public MaintenanceFigures plus(MaintenanceFigures o) {
        return new MaintenanceFigures(failures + o.failures, failureSeconds + o.failureSeconds, minorStops + o.minorStops,
                apt + o.apt, failureOngoing || o.failureOngoing, answeredFailures + o.answeredFailures, responseSeconds + o.responseSeconds,
                repairSeconds + o.repairSeconds);
    }

    /** Mean time from a failure's start to the answer of its maintenance call, seconds; null when no failure had one. */
    public Double meanResponse() {
        return answeredFailures == 0 ? null : responseSeconds / answeredFailures;
    }

    /** Mean time from that answer to the failure's end, seconds; null when no failure had one. */
    public Double meanRepair() {
        return answeredFailures == 0 ? null : repairSeconds / answeredFailures;
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
