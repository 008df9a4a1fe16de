package mes.oee;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
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
import mes.equipment.EquipmentService;
import mes.equipment.domain.ShiftCalendar;
import mes.oee.domain.Interval;
import mes.oee.domain.MachineTimeline;
import mes.oee.domain.OeeCalculator;
import mes.oee.domain.OeeElements;
import mes.oee.domain.PlannedTime;
import mes.oee.domain.Segment;
import mes.oee.persistence.OeeFacts;
import mes.oee.persistence.OeeFacts.MachineContext;
import mes.oee.persistence.OeeFacts.MachineFacts;
import mes.web.problem.ProblemException;

/**
 * OEE figures (contracts/oee.md) as queries over the stored facts: per machine with
 * {@link OeeCalculator}, summed for lines, areas and sites, optionally per hour, shift or day in
 * the site's time zone.
 */
@ApplicationScoped
public class OeeService {

    public enum Scope { machine, line, area, site }

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
            Map<String, Optional<ShiftCalendar>> calendars = new LinkedHashMap<>();
            Map<String, Figures> out = new LinkedHashMap<>();
            for (MachineContext m : facts.machines(scope.name(), id)) {
                out.put(m.machineId(), machine(m, calendar(calendars, m), List.of(window)).get(0));
            }
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
                throw ProblemException.notFound("No machine " + machineId);
            }
            MachineFacts f = facts.facts(machineId, window);
            return new MachineTimeline(f.events(), f.online(), f.manual()).segments(window);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Figures> compute(Scope scope, String id, Interval window, GroupBy groupBy) {
        check(window);
        try {
            List<MachineContext> machines = facts.machines(scope.name(), id);
            if (machines.isEmpty() && !facts.exists(scope.name(), id)) {
                throw ProblemException.notFound("No " + scope + " " + id);
            }
            Map<String, Optional<ShiftCalendar>> calendars = new LinkedHashMap<>();
            List<Interval> windows = null;
            List<OeeElements> sums = new ArrayList<>();
            List<Map<String, Double>> reasons = new ArrayList<>();
            for (MachineContext m : machines) {
                ShiftCalendar calendar = calendar(calendars, m);
                if (windows == null) {
                    windows = groupBy == null ? List.of(window) : buckets(window, groupBy, calendar, ZoneId.of(m.timeZone()));
                    windows.forEach(w -> {
                        sums.add(OeeElements.ZERO);
                        reasons.add(new LinkedHashMap<>());
                    });
                }
                List<Figures> figures = machine(m, calendar, windows);
                for (int i = 0; i < windows.size(); i++) {
                    sums.set(i, sums.get(i).plus(figures.get(i).elements()));
                    Map<String, Double> into = reasons.get(i);
                    figures.get(i).lossByReason().forEach((k, v) -> into.merge(k, v, Double::sum));
                }
            }
            if (windows == null) { // a scope without machines: nothing planned
                windows = List.of(window);
                sums.add(OeeElements.ZERO);
                reasons.add(Map.of());
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

    /** One machine's figures for each window, from one read of its facts over their span. */
    private List<Figures> machine(MachineContext m, ShiftCalendar calendar, List<Interval> windows) throws SQLException {
        if (windows.isEmpty()) {
            return List.of(); // no shift in the window, grouped by shift
        }
        ZoneId zone = ZoneId.of(m.timeZone());
        Interval span = new Interval(windows.get(0).from(), windows.get(windows.size() - 1).to());
        MachineFacts f = facts.facts(m.machineId(), span);
        MachineTimeline timeline = new MachineTimeline(f.events(), f.online(), f.manual());
        List<Figures> out = new ArrayList<>(windows.size());
        for (Interval w : windows) {
            OeeCalculator.Result r = OeeCalculator.compute(w, PlannedTime.shifts(calendar, zone, w), timeline, f.samples(),
                    wo -> wo == null ? m.idealCycleTimeSeconds() : f.priByWorkOrder().getOrDefault(wo, m.idealCycleTimeSeconds()));
            out.add(new Figures(w, r.elements(), r.lossByReason()));
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
            throw ProblemException.badRequest("from must be before to");
        }
        if (window.duration().compareTo(MAX_WINDOW) > 0) {
            throw ProblemException.badRequest("the window is longer than " + MAX_WINDOW.toDays() + " days");
        }
    }

    /** The window [from, to) from the API's RFC 3339 strings. */
    public static Interval window(String from, String to) {
        if (from == null || to == null) {
            throw ProblemException.badRequest("from and to are required (RFC 3339)");
        }
        Instant a = parse("from", from);
        Instant b = parse("to", to);
        if (!a.isBefore(b)) {
            throw ProblemException.badRequest("from must be before to");
        }
        return new Interval(a, b);
    }

    private static Instant parse(String name, String value) {
        try {
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.badRequest(name + " '" + value + "' is not an RFC 3339 timestamp");
        }
    }
}
