package mes.oee;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import mes.equipment.EquipmentService;
import mes.equipment.domain.ShiftCalendar;
import mes.kernel.Refusal;
import mes.oee.config.OeeConfig;
import mes.oee.domain.CounterIncrements;
import mes.oee.domain.Interval;
import mes.oee.domain.MachineTimeline;
import mes.oee.domain.OeeCalculator;
import mes.oee.domain.OeeElements;
import mes.oee.domain.PlannedTime;
import mes.oee.domain.Segment;
import mes.oee.domain.Slots;
import mes.oee.persistence.OeeFacts.MachineContext;
import mes.oee.persistence.OeeFacts.MachineFacts;
import mes.oee.persistence.OeeFacts;
import mes.oee.persistence.OeeRollups;

/**
 * OEE figures (contracts/oee.md) as queries over the stored facts: per machine with
 * {@link OeeCalculator}, summed for lines, areas and sites, optionally per hour, shift or day in
 * the site's time zone. The ended quarter hours wholly inside planned time come from stored
 * rollups ({@link Slots}, filled on first use), the rest from the raw facts.
 */
@ApplicationScoped
public class OeeService {

    public enum Scope {
        machine, line, area, site;

        /** The scope a request names, case-insensitive; refused naming the choices. */
        public static Scope named(String scope) {
            if (scope == null || scope.isBlank()) {
                throw Refusal.invalid("scope is required: machine, line, area or site");
            }
            try {
                return valueOf(scope.trim().toLowerCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw Refusal.invalid("scope '" + scope + "' is not one of machine, line, area, site");
            }
        }
    }

    public enum GroupBy { hour, shift, day }

    /** Figures of one window: the elements, the loss time by reason. */
    public record Figures(Interval window, OeeElements elements, Map<String, Double> lossByReason) {
    }

    /** The longest window one request may ask for. */
    public static final Duration MAX_WINDOW = Duration.ofDays(92);

    @Inject
    OeeFacts facts;

    @Inject
    EquipmentService equipment;

    @Inject
    OeeRollups rollups;

    @Inject
    OeeConfig config;

    @Inject
    Clock clock;

    public Figures figures(Scope scope, String id, Interval window) {
        return compute(scope, id, window, null).get(0);
    }

    public List<Figures> buckets(Scope scope, String id, Interval window, GroupBy groupBy) {
        return compute(scope, id, window, groupBy);
    }

    /** The figures of every machine of a scope, by machine id (for pages that show machines and their sums). */
    public Map<String, Figures> perMachine(Scope scope, String id, Interval window) {
        check(window);
        try {
            Map<String, Figures> out = new LinkedHashMap<>();
            figures(facts.machines(scope.name(), id), List.of(window), config.rollups().enabled())
                    .forEach((machine, figures) -> out.put(machine, figures.get(0)));
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sums figures (the aggregate of contracts/oee.md). */
    public static Figures sum(Interval window, java.util.Collection<Figures> figures) {
        OeeElements total = OeeElements.ZERO;
        Map<String, Double> reasons = new LinkedHashMap<>();
        for (Figures f : figures) {
            total = total.plus(f.elements());
            f.lossByReason().forEach((k, v) -> reasons.merge(k, v, Double::sum));
        }
        return new Figures(window, total, reasons);
    }

    /** The machine's states in the window, OFFLINE included. */
    public List<Segment> states(String machineId, Interval window) {
        check(window);
        try {
            if (facts.machines(Scope.machine.name(), machineId).isEmpty()) {
                throw Refusal.notFound("No machine " + machineId);
            }
            MachineFacts f = facts.states(machineId, window);
            return new MachineTimeline(f.events(), f.online(), f.manual()).segments(window);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The machine's states in a window of any length, OFFLINE included: for features that bound
     * their own windows (maintenance follows a stop past the window it started in). An unknown
     * machine has no states.
     */
    public List<Segment> timeline(String machineId, Interval window) {
        if (!window.from().isBefore(window.to())) {
            return List.of();
        }
        try {
            MachineFacts f = facts.states(machineId, window);
            return new MachineTimeline(f.events(), f.online(), f.manual()).segments(window);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The machine's DOWN segments in a window of any length, in time order, as {@link #timeline}
     * has them (split where the reason changes; a gap between two is time not DOWN): from the
     * rollups' stretches for the whole quarter hours that have ended (filling those missing), from
     * the raw facts for the rest. For features that look at stops over long windows (maintenance).
     */
    public List<Segment> down(String machineId, Interval window) {
        return down(machineId, window, config.rollups().enabled());
    }

    /** The same, from rollups or from the raw facts alone (the definition). */
    List<Segment> down(String machineId, Interval window, boolean useRollups) {
        if (!window.from().isBefore(window.to())) {
            return List.of();
        }
        List<Instant> slots = endedSlots(window);
        if (!useRollups || slots.isEmpty()) {
            return downOf(timeline(machineId, window));
        }
        try {
            rollups.fill(machineId, slots);
            OeeRollups.DownPieces stored = rollups.down(machineId, slots.get(0), slots.get(slots.size() - 1).plus(Slots.LENGTH));
            List<Segment> out = new ArrayList<>(stored.down());
            for (Interval r : gaps(window, slots, stored.slots())) {
                out.addAll(downOf(timeline(machineId, r)));
            }
            out.sort(java.util.Comparator.comparing((Segment x) -> x.period().from()));
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * How much a machine was used in a stretch of time: seconds in RUNNING (inside the calendar or
     * not) and parts counted (good plus scrap increments, planned time or not).
     */
    public record Use(Interval period, double runningSeconds, long parts) {
    }

    /**
     * A machine's use over a window of any length, in time order and covering it: one piece per
     * whole quarter hour that has ended, from its rollup (filling those missing), and pieces from
     * the raw facts for the rest. For features that count run hours or cycles over long windows
     * (preventive maintenance); {@link #timeline} and {@link #increments} give the detail of a piece.
     */
    public List<Use> use(String machineId, Interval window) {
        return use(machineId, window, config.rollups().enabled());
    }

    /** The same, from rollups or from the raw facts alone (one piece then). */
    List<Use> use(String machineId, Interval window, boolean useRollups) {
        if (!window.from().isBefore(window.to())) {
            return List.of();
        }
        List<Instant> slots = endedSlots(window);
        if (!useRollups || slots.isEmpty()) {
            return List.of(rawUse(machineId, window));
        }
        try {
            rollups.fill(machineId, slots);
            Map<Instant, OeeRollups.SlotUse> stored = rollups.use(machineId, slots.get(0), slots.get(slots.size() - 1).plus(Slots.LENGTH));
            List<Use> out = new ArrayList<>();
            stored.values().forEach(u -> out.add(new Use(Slots.of(u.slot()), u.runningSeconds(), u.parts())));
            for (Interval r : gaps(window, slots, stored.keySet())) {
                out.add(rawUse(machineId, r));
            }
            out.sort(java.util.Comparator.comparing((Use u) -> u.period().from()));
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The parts of a window its stored quarter hours do not cover (before the first, after the
     * last, and any dropped meanwhile), to be read from the raw facts.
     */
    private static List<Interval> gaps(Interval window, List<Instant> slots, java.util.Set<Instant> stored) {
        List<Interval> out = new ArrayList<>();
        Instant cursor = window.from();
        for (Instant slot : slots) {
            if (stored.contains(slot)) {
                if (cursor.isBefore(slot)) {
                    out.add(new Interval(cursor, slot));
                }
                cursor = slot.plus(Slots.LENGTH);
            }
        }
        if (cursor.isBefore(window.to())) {
            out.add(new Interval(cursor, window.to()));
        }
        return out;
    }

    private Use rawUse(String machineId, Interval window) {
        double running = 0;
        for (Segment x : timeline(machineId, window)) {
            if (x.state() == mes.equipment.domain.MachineState.RUNNING) {
                running += x.period().seconds();
            }
        }
        long parts = 0;
        for (CounterIncrements.Increment i : increments(machineId, window)) {
            parts += i.good() + i.scrap();
        }
        return new Use(window, running, parts);
    }

    /** The whole quarter hours of a window that have ended. */
    private List<Instant> endedSlots(Interval window) {
        Instant now = clock.instant();
        Instant first = Slots.floor(window.from());
        if (first.isBefore(window.from())) {
            first = first.plus(Slots.LENGTH);
        }
        List<Instant> slots = new ArrayList<>();
        for (Instant slot = first; !slot.plus(Slots.LENGTH).isAfter(window.to()) && !slot.plus(Slots.LENGTH).isAfter(now);
                slot = slot.plus(Slots.LENGTH)) {
            slots.add(slot);
        }
        return slots;
    }

    /**
     * The loss time of the minor stops of a scope's machines in a window, by reason (each machine's
     * DOWN stops shorter than its micro-stop threshold, within planned busy time): for the Pareto by
     * loss category ({@code LossCategories}).
     */
    public Map<String, Double> minorStopLoss(Scope scope, String id, Interval window) {
        check(window);
        try {
            Map<String, Double> out = new LinkedHashMap<>();
            Map<String, Optional<ShiftCalendar>> calendars = new LinkedHashMap<>();
            Instant now = clock.instant();
            Map<String, Integer> thresholds = new java.util.HashMap<>();
            equipment.machines().forEach(x -> thresholds.put(x.id(), x.microStopSeconds()));
            for (MachineContext m : facts.machines(scope.name(), id)) {
                int threshold = thresholds.getOrDefault(m.machineId(), 120);
                if (threshold <= 0) {
                    continue;
                }
                List<PlannedTime.ShiftInstance> shifts = PlannedTime.from(m.commissioned(),
                        PlannedTime.shifts(calendar(calendars, m), ZoneId.of(m.timeZone()), window));
                List<Interval> planned = MachineTimeline.merge(shifts.stream().map(PlannedTime.ShiftInstance::span).toList());
                List<Interval> breaks = MachineTimeline.merge(shifts.stream().flatMap(x -> x.breaks().stream()).toList());
                if (planned.isEmpty()) {
                    continue;
                }
                Instant readTo = window.to().plusSeconds(threshold).isAfter(now) ? now : window.to().plusSeconds(threshold);
                Instant readFrom = window.from().minusSeconds(threshold);
                if (!readFrom.isBefore(readTo)) {
                    continue;
                }
                mes.oee.domain.MinorStops.lossByReason(down(m.machineId(), new Interval(readFrom, readTo)), window, threshold, planned, breaks)
                        .forEach((reason, seconds) -> out.merge(reason, seconds, Double::sum));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Segment> downOf(List<Segment> segments) {
        return segments.stream().filter(x -> x.state() == mes.equipment.domain.MachineState.DOWN && !x.period().isEmpty()).toList();
    }

    /**
     * The counter increments (good and scrap, as contracts/oee.md takes them from consecutive
     * samples in ts order) whose ts lies in the window, planned time or not: a machine's cycles, for
     * features that count its use. An unknown machine has none.
     */
    public List<CounterIncrements.Increment> increments(String machineId, Interval window) {
        if (!window.from().isBefore(window.to())) {
            return List.of();
        }
        try {
            List<CounterIncrements.Increment> out = new ArrayList<>();
            CounterIncrements.of(facts.samples(machineId, window)).forEachIn(window, out::add);
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Figures> compute(Scope scope, String id, Interval window, GroupBy groupBy) {
        return compute(scope, id, window, groupBy, config.rollups().enabled());
    }

    /** The figures per bucket, from rollups where they apply or from the raw facts alone (the definition). */
    List<Figures> compute(Scope scope, String id, Interval window, GroupBy groupBy, boolean useRollups) {
        check(window);
        try {
            List<MachineContext> machines = facts.machines(scope.name(), id);
            if (machines.isEmpty() && !facts.exists(scope.name(), id)) {
                throw Refusal.notFound("No " + scope + " " + id);
            }
            if (machines.isEmpty()) { // a scope without machines: nothing planned
                return List.of(new Figures(window, OeeElements.ZERO, Map.of()));
            }
            MachineContext first = machines.get(0);
            List<Interval> windows = groupBy == null ? List.of(window)
                    : buckets(window, groupBy, calendar(new LinkedHashMap<>(), first), ZoneId.of(first.timeZone()));
            List<OeeElements> sums = new ArrayList<>();
            List<Map<String, Double>> reasons = new ArrayList<>();
            windows.forEach(w -> {
                sums.add(OeeElements.ZERO);
                reasons.add(new LinkedHashMap<>());
            });
            for (List<Figures> figures : figures(machines, windows, useRollups).values()) {
                for (int i = 0; i < windows.size(); i++) {
                    sums.set(i, sums.get(i).plus(figures.get(i).elements()));
                    Map<String, Double> into = reasons.get(i);
                    figures.get(i).lossByReason().forEach((k, v) -> into.merge(k, v, Double::sum));
                }
            }
            List<Figures> out = new ArrayList<>();
            for (int i = 0; i < windows.size(); i++) {
                out.add(new Figures(windows.get(i), sums.get(i), reasons.get(i)));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Each machine's figures for each window, by machine id. Rollups serve windows that are
     * ascending and disjoint (overlapping shifts, grouped by shift, are folded from the raw facts).
     */
    private Map<String, List<Figures>> figures(List<MachineContext> machines, List<Interval> windows, boolean useRollups)
            throws SQLException {
        Map<String, List<Figures>> out = new LinkedHashMap<>();
        if (windows.isEmpty()) { // no shift in the window, grouped by shift
            machines.forEach(m -> out.put(m.machineId(), List.of()));
            return out;
        }
        for (int i = 1; i < windows.size(); i++) {
            if (windows.get(i).from().isBefore(windows.get(i - 1).to())) {
                useRollups = false;
            }
        }
        Map<String, Map<String, Double>> pri = facts.pri(machines.stream().map(MachineContext::machineId).toList());
        Map<String, Optional<ShiftCalendar>> calendars = new LinkedHashMap<>();
        Map<String, List<MachineContext>> bySite = new LinkedHashMap<>();
        machines.forEach(m -> bySite.computeIfAbsent(m.siteId(), k -> new ArrayList<>()).add(m));
        Interval span = new Interval(windows.get(0).from(), windows.get(windows.size() - 1).to());
        for (List<MachineContext> site : bySite.values()) {
            ShiftCalendar calendar = calendar(calendars, site.get(0));
            List<PlannedTime.ShiftInstance> shifts = PlannedTime.shifts(calendar, ZoneId.of(site.get(0).timeZone()), span);
            // planned time begins at commissioning: the machines commissioned before the span share the site's plan
            Map<Instant, List<MachineContext>> byStart = new LinkedHashMap<>();
            for (MachineContext m : site) {
                Instant start = m.commissioned() == null ? Instant.MAX : m.commissioned().isAfter(span.from()) ? m.commissioned() : span.from();
                byStart.computeIfAbsent(start, k -> new ArrayList<>()).add(m);
            }
            for (Map.Entry<Instant, List<MachineContext>> entry : byStart.entrySet()) {
                List<MachineContext> group = entry.getValue();
                List<PlannedTime.ShiftInstance> planned = PlannedTime.from(entry.getKey(), shifts);
                List<Slots.Plan> plans = new ArrayList<>();
                for (Interval w : windows) {
                    plans.add(useRollups ? Slots.plan(w, planned, clock.instant()) : new Slots.Plan(List.of(), 0, List.of(w)));
                }
                Map<String, Map<Integer, Slots.Sum>> sums = rollupSums(group, windows, plans);
                for (MachineContext m : group) {
                    Map<String, Double> byOrder = pri.getOrDefault(m.machineId(), Map.of());
                    ToDoubleFunction<String> machinePri = wo -> wo == null ? m.idealCycleTimeSeconds()
                            : byOrder.getOrDefault(wo, m.idealCycleTimeSeconds());
                    List<OeeCalculator.Result> raw = raw(m, planned, plans, machinePri);
                    List<Figures> figures = new ArrayList<>(windows.size());
                    int r = 0;
                    for (int i = 0; i < windows.size(); i++) {
                        List<OeeCalculator.Result> parts = new ArrayList<>();
                        Slots.Sum sum = sums.getOrDefault(m.machineId(), Map.of()).get(i);
                        if (sum != null) {
                            parts.add(sum.result(machinePri));
                        }
                        parts.add(Slots.breaks(plans.get(i).breakSeconds()));
                        for (int k = 0; k < plans.get(i).raw().size(); k++) {
                            parts.add(raw.get(r++));
                        }
                        OeeCalculator.Result total = Slots.sum(parts);
                        figures.add(new Figures(windows.get(i), total.elements(), total.lossByReason()));
                    }
                    out.put(m.machineId(), figures);
                }
            }
        }
        Map<String, List<Figures>> ordered = new LinkedHashMap<>();
        machines.forEach(m -> ordered.put(m.machineId(), out.get(m.machineId())));
        return ordered;
    }

    /** The stored rollups of the plans' slots per machine and window, filling those missing first. */
    private Map<String, Map<Integer, Slots.Sum>> rollupSums(List<MachineContext> machines, List<Interval> windows,
            List<Slots.Plan> plans) throws SQLException {
        List<Instant> slots = plans.stream().flatMap(p -> p.slots().stream()).toList();
        Map<String, Map<Integer, Slots.Sum>> out = new LinkedHashMap<>();
        if (slots.isEmpty()) {
            return out;
        }
        List<Instant> starts = windows.stream().map(Interval::from).toList();
        List<String> ids = machines.stream().map(MachineContext::machineId).toList();
        rollups.sums(ids, slots, starts).forEach(s -> out.computeIfAbsent(s.machineId(), k -> new LinkedHashMap<>()).put(s.bucket(), s.sum()));
        List<String> incomplete = new ArrayList<>();
        for (String id : ids) {
            Map<Integer, Slots.Sum> have = out.getOrDefault(id, Map.of());
            for (int i = 0; i < plans.size(); i++) {
                int expected = plans.get(i).slots().size();
                if (expected > 0 && (have.get(i) == null || have.get(i).slots() < expected)) {
                    incomplete.add(id);
                    break;
                }
            }
        }
        if (!incomplete.isEmpty()) {
            for (String id : incomplete) {
                rollups.fill(id, slots);
                out.remove(id);
            }
            rollups.sums(incomplete, slots, starts)
                    .forEach(s -> out.computeIfAbsent(s.machineId(), k -> new LinkedHashMap<>()).put(s.bucket(), s.sum()));
        }
        return out;
    }

    /**
     * The raw pieces of all plans, in order, computed from the machine's facts: one read per run
     * of pieces less than an hour apart.
     */
    private List<OeeCalculator.Result> raw(MachineContext m, List<PlannedTime.ShiftInstance> shifts, List<Slots.Plan> plans,
            ToDoubleFunction<String> pri) throws SQLException {
        List<Interval> pieces = plans.stream().flatMap(p -> p.raw().stream()).toList();
        List<OeeCalculator.Result> out = new ArrayList<>(pieces.size());
        int i = 0;
        while (i < pieces.size()) {
            int j = i + 1;
            while (j < pieces.size() && Duration.between(pieces.get(j - 1).to(), pieces.get(j).from()).compareTo(Duration.ofHours(1)) < 0) {
                j++;
            }
            MachineFacts f = facts.facts(m.machineId(), new Interval(pieces.get(i).from(), pieces.get(j - 1).to()));
            MachineTimeline timeline = new MachineTimeline(f.events(), f.online(), f.manual());
            CounterIncrements increments = CounterIncrements.of(f.samples());
            for (int k = i; k < j; k++) {
                out.add(OeeCalculator.compute(pieces.get(k), shifts, timeline, increments, pri));
            }
            i = j;
        }
        return out;
    }

    private ShiftCalendar calendar(Map<String, Optional<ShiftCalendar>> cache, MachineContext m) {
        return cache.computeIfAbsent(m.siteId(), equipment::calendar).orElse(new ShiftCalendar(List.of(), List.of()));
    }

    /** The buckets of a window: local hours or days of the site, or its shifts; clipped to the window. */
    static List<Interval> buckets(Interval window, GroupBy groupBy, ShiftCalendar calendar, ZoneId zone) {
        List<Interval> out = new ArrayList<>();
        if (groupBy == GroupBy.shift) {
            for (PlannedTime.ShiftInstance s : PlannedTime.shifts(calendar, zone, window)) {
                Interval clipped = s.span().intersect(window);
                if (clipped != null) {
                    out.add(clipped);
                }
            }
            return out;
        }
        ZonedDateTime start = window.from().atZone(zone).truncatedTo(groupBy == GroupBy.hour ? ChronoUnit.HOURS : ChronoUnit.DAYS);
        for (ZonedDateTime t = start; t.toInstant().isBefore(window.to()); ) {
            ZonedDateTime next = groupBy == GroupBy.hour ? t.plusHours(1) : LocalDate.from(t).plusDays(1).atStartOfDay(zone);
            Interval clipped = new Interval(t.toInstant(), next.toInstant()).intersect(window);
            if (clipped != null) {
                out.add(clipped);
            }
            t = next;
        }
        return out;
    }

    private static void check(Interval window) {
        if (!window.from().isBefore(window.to())) {
            throw Refusal.invalid("from must be before to");
        }
        if (window.duration().compareTo(MAX_WINDOW) > 0) {
            throw Refusal.invalid("the window is longer than " + MAX_WINDOW.toDays() + " days");
        }
    }
}
