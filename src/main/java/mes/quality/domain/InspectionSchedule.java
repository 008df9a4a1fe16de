package mes.quality.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * When the inspections of one characteristic fell due during one work order, and whether each was
 * made: derived from the stored facts alone (the order's run, the machine's stops, set-ups and
 * repairs, the parts counted, the inspections recorded), never from a timer in memory, so every
 * instance and every later reading gives the same answer.
 *
 * <ul>
 * <li>First piece: due at the order's start (or at the end of the set-up it began with), at the
 * end of every set-up during it, and when maintenance that asks for it was done on the machine.</li>
 * <li>After a stop: due at the end of every stop (any state but RUNNING) longer than N minutes.</li>
 * <li>After maintenance: due at the end of every repair (a DOWN stop of at least
 * {@link #REPAIR_MINIMUM}) or planned maintenance stop.</li>
 * <li>Every N parts: due when N parts were counted since the last inspection (or the start).</li>
 * <li>Every T minutes: due T minutes after the last inspection (or the start).</li>
 * <li>Last piece: due when the order ends; met by an inspection after its last counted part.</li>
 * </ul>
 *
 * An occurrence is met by the first inspection at or after it fell due (an inspection meets one
 * occurrence of each trigger). It is DONE when met within the grace, LATE when met after it;
 * otherwise OVERDUE once the grace has passed and DUE before, and MISSED when the order ended or
 * the next occurrence of the same trigger fell due before it was met.
 */
public final class InspectionSchedule {

    /** A DOWN stop this long or longer is a repair (shorter ones are minor stops, maintenance.md). */
    public static final Duration REPAIR_MINIMUM = Duration.ofSeconds(120);

    public enum Trigger {
        FIRST_OFF, AFTER_STOP, AFTER_MAINTENANCE, EVERY_PARTS, EVERY_MINUTES, LAST_PIECE
    }

    public enum Status {
        DONE, LATE, DUE, OVERDUE, MISSED;

        public boolean open() {
            return this == DUE || this == OVERDUE;
        }
    }

    /** What the machine did for a while: a stop of some kind, a set-up, or running. */
    public enum Activity {
        RUNNING, STOPPED, SETUP, REPAIR, PLANNED_MAINTENANCE
    }

    /** A stretch of the machine's time: [from, to). */
    public record Span(Instant from, Instant to, Activity activity) {
        public Duration duration() {
            return Duration.between(from, to);
        }
    }

    /** An inspection recorded (its current verdict). */
    public record Check(Instant at, boolean passed) {
    }

    /** Parts counted at an instant (counter increments, good plus scrap). */
    public record Parts(Instant at, long count) {
    }

    /**
     * The facts of one order and characteristic.
     *
     * @param start the order's start (its set-up)
     * @param end the order's end, or null while it runs
     * @param machine the machine's time from start to end (or now), in order
     * @param maintained when maintenance that asks for a first-off inspection was done on the machine
     *     (a maintenance order completed): for first-piece characteristics like the end of a set-up
     */
    public record Facts(Instant start, Instant end, List<Span> machine, List<Check> checks, List<Parts> parts, List<Instant> maintained) {

        /** Without maintenance that asks for a first-off inspection. */
        public Facts(Instant start, Instant end, List<Span> machine, List<Check> checks, List<Parts> parts) {
            this(start, end, machine, checks, parts, List.of());
        }
    }

    public record Occurrence(Trigger trigger, Instant dueAt, Instant metAt, Status status, String detail) {
    }

    private InspectionSchedule() {
    }

    /** Every occurrence of the frequency's triggers during the order, in the order they fell due. */
    public static List<Occurrence> occurrences(InspectionFrequency f, Facts facts, Instant now, Duration grace) {
        Instant until = facts.end() != null ? facts.end() : now;
        List<Check> checks = facts.checks().stream().sorted(Comparator.comparing(Check::at)).toList();
        List<Occurrence> out = new ArrayList<>();
        if (f.isFirstOff()) {
            List<Instant> setUps = new ArrayList<>();
            boolean settingUpAtStart = false;
            for (Span s : facts.machine()) {
                if (s.activity() == Activity.SETUP && s.to().isAfter(facts.start())) {
                    settingUpAtStart |= !s.from().isAfter(facts.start());
                    if (!s.to().isAfter(until)) {
                        setUps.add(s.to());
                    }
                }
            }
            if (!settingUpAtStart) {
                setUps.add(facts.start()); // the order started on a machine already set up
            }
            events(Trigger.FIRST_OFF, setUps, "after set-up", checks, facts.end(), now, grace, out);
            List<Instant> maintained = facts.maintained().stream().filter(t -> t.isAfter(facts.start()) && !t.isAfter(until)).toList();
            events(Trigger.FIRST_OFF, maintained, "after maintenance", checks, facts.end(), now, grace, out);
        }
        if (f.afterStopMinutes() != null) {
            Duration longer = Duration.ofMinutes(f.afterStopMinutes());
            List<Instant> ends = stopEnds(facts, until).stream().filter(s -> s.duration().compareTo(longer) > 0).map(Span::to).toList();
            events(Trigger.AFTER_STOP, ends, "after a stop over " + f.afterStopMinutes() + " min", checks, facts.end(), now, grace, out);
        }
        if (f.isAfterMaintenance()) {
            List<Instant> ends = new ArrayList<>();
            for (Span s : facts.machine()) {
                boolean repair = s.activity() == Activity.REPAIR && s.duration().compareTo(REPAIR_MINIMUM) >= 0;
                if ((repair || s.activity() == Activity.PLANNED_MAINTENANCE) && s.to().isAfter(facts.start()) && !s.to().isAfter(until)) {
                    ends.add(s.to());
                }
            }
            events(Trigger.AFTER_MAINTENANCE, ends, "after maintenance", checks, facts.end(), now, grace, out);
        }
        if (f.everyMinutes() != null) {
            everyMinutes(f.everyMinutes(), facts, checks, until, now, grace, out);
        }
        if (f.everyParts() != null) {
            everyParts(f.everyParts(), facts, checks, until, now, grace, out);
        }
        if (f.isLastPiece() && facts.end() != null) {
            Instant last = facts.parts().stream().map(Parts::at).filter(t -> !t.isAfter(facts.end())).max(Comparator.naturalOrder())
                    .orElse(facts.start());
            Instant met = firstAtOrAfter(checks, last);
            out.add(new Occurrence(Trigger.LAST_PIECE, facts.end(), met, status(facts.end(), met, null, facts.end(), now, grace),
                    "last piece"));
        }
        out.sort(Comparator.comparing(Occurrence::dueAt).thenComparing(Occurrence::trigger));
        return out;
    }

    /** The stops: maximal stretches not RUNNING, consecutive kinds of stop merged. */
    static List<Span> stopEnds(Facts facts, Instant until) {
        List<Span> out = new ArrayList<>();
        Instant from = null;
        Instant to = null;
        for (Span s : facts.machine()) {
            if (s.activity() == Activity.RUNNING) {
                if (from != null) {
                    out.add(new Span(from, to, Activity.STOPPED));
                    from = null;
                }
            } else if (from == null) {
                from = s.from();
                to = s.to();
            } else {
                to = s.to();
            }
        }
        // a stop still going on has not ended: nothing falls due yet
        return out.stream().filter(s -> s.to().isAfter(facts.start()) && !s.to().isAfter(until)).toList();
    }

    private static void events(Trigger trigger, List<Instant> times, String detail, List<Check> checks, Instant end, Instant now,
            Duration grace, List<Occurrence> out) {
        List<Instant> sorted = times.stream().sorted().distinct().toList();
        for (int i = 0; i < sorted.size(); i++) {
            Instant due = sorted.get(i);
            Instant next = i + 1 < sorted.size() ? sorted.get(i + 1) : null;
            Instant met = firstAtOrAfter(checks, due);
            if (met != null && next != null && !met.isBefore(next)) {
                met = null; // the next one fell due first: this one was missed
            }
            out.add(new Occurrence(trigger, due, met, status(due, met, next, end, now, grace), detail));
        }
    }

    private static void everyMinutes(int minutes, Facts facts, List<Check> checks, Instant until, Instant now, Duration grace,
            List<Occurrence> out) {
        Duration period = Duration.ofMinutes(minutes);
        Instant anchor = facts.start();
        while (true) {
            Instant due = anchor.plus(period);
            if (due.isAfter(until)) {
                return;
            }
            Instant met = firstAfter(checks, anchor);
            if (met != null && met.isBefore(due)) {
                anchor = met; // checked before it fell due: the clock starts again
                continue;
            }
            Instant next = due.plus(period);
            if (met != null && met.isBefore(next)) {
                out.add(new Occurrence(Trigger.EVERY_MINUTES, due, met, status(due, met, null, facts.end(), now, grace),
                        "every " + minutes + " min"));
                anchor = met;
            } else {
                boolean superseded = !next.isAfter(until);
                out.add(new Occurrence(Trigger.EVERY_MINUTES, due, null, status(due, null, superseded ? next : null, facts.end(), now, grace),
                        "every " + minutes + " min"));
                anchor = due;
            }
        }
    }

    private static void everyParts(int n, Facts facts, List<Check> checks, Instant until, Instant now, Duration grace,
            List<Occurrence> out) {
        List<Parts> parts = facts.parts().stream().filter(p -> !p.at().isBefore(facts.start()) && !p.at().isAfter(until))
                .sorted(Comparator.comparing(Parts::at)).toList();
        String detail = "every " + n + " parts";
        long counted = 0;
        Instant pending = null; // when the count last reached n, not yet inspected
        int ci = 0;
        for (Parts p : parts) {
            while (ci < checks.size() && !checks.get(ci).at().isAfter(p.at())) { // an inspection restarts the count
                Instant at = checks.get(ci++).at();
                if (at.isBefore(facts.start())) {
                    continue;
                }
                if (pending != null) {
                    out.add(new Occurrence(Trigger.EVERY_PARTS, pending, at, status(pending, at, null, facts.end(), now, grace), detail));
                    pending = null;
                }
                counted = 0;
            }
            counted += p.count();
            while (counted >= n) {
                if (pending != null) {
                    out.add(new Occurrence(Trigger.EVERY_PARTS, pending, null, Status.MISSED, detail));
                }
                pending = p.at();
                counted -= n;
            }
        }
        if (pending != null) {
            Instant met = firstAfter(checks, pending);
            out.add(new Occurrence(Trigger.EVERY_PARTS, pending, met, status(pending, met, null, facts.end(), now, grace), detail));
        }
    }

    private static Status status(Instant due, Instant met, Instant supersededAt, Instant end, Instant now, Duration grace) {
        Instant deadline = due.plus(grace);
        if (met != null) {
            return met.isAfter(deadline) ? Status.LATE : Status.DONE;
        }
        if (supersededAt != null) {
            return Status.MISSED;
        }
        if (!now.isAfter(deadline)) {
            return Status.DUE;
        }
        return end != null ? Status.MISSED : Status.OVERDUE;
    }

    private static Instant firstAtOrAfter(List<Check> checks, Instant t) {
        for (Check c : checks) {
            if (!c.at().isBefore(t)) {
                return c.at();
            }
        }
        return null;
    }

    private static Instant firstAfter(List<Check> checks, Instant t) {
        for (Check c : checks) {
            if (c.at().isAfter(t)) {
                return c.at();
            }
        }
        return null;
    }

    /** Set-up verification (IATF 16949 8.5.1.3): the state of the parts made since the last set-up. */
    public enum Verification {
        /** No first-piece characteristic in the plan. */
        NOT_REQUIRED,
        /** Made since the set-up, no passed first-piece inspection yet. */
        UNVERIFIED,
        VERIFIED,
        /** A first-piece inspection since the set-up failed and none passed after it. */
        FAILED
    }

    /** The last set-up of the order: its start or the end of the last set-up during it. */
    public static Instant lastSetUp(Facts facts, Instant now) {
        Instant until = facts.end() != null ? facts.end() : now;
        Instant last = facts.start();
        for (Span s : facts.machine()) {
            if (s.activity() == Activity.SETUP && s.to().isAfter(last) && !s.to().isAfter(until)) {
                last = s.to();
            }
        }
        for (Instant m : facts.maintained()) {
            if (m.isAfter(last) && !m.isAfter(until)) {
                last = m;
            }
        }
        return last;
    }

    /**
     * Verified when every first-piece characteristic has a passed inspection since the last set-up
     * (its current verdict, the latest one since the set-up counting); FAILED when one of them
     * failed and none passed since.
     *
     * @param checksByCharacteristic per first-piece characteristic, its checks
     */
    public static Verification verification(Instant lastSetUp, List<List<Check>> checksByCharacteristic) {
        if (checksByCharacteristic.isEmpty()) {
            return Verification.NOT_REQUIRED;
        }
        boolean all = true;
        for (List<Check> checks : checksByCharacteristic) {
            Check latest = checks.stream().filter(c -> !c.at().isBefore(lastSetUp)).max(Comparator.comparing(Check::at)).orElse(null);
            if (latest != null && !latest.passed()) {
                return Verification.FAILED;
            }
            all &= latest != null;
        }
        return all ? Verification.VERIFIED : Verification.UNVERIFIED;
    }
}
