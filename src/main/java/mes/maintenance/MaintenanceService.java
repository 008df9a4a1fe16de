package mes.maintenance;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import mes.equipment.EquipmentService;
import mes.equipment.domain.Hierarchy;
import mes.equipment.domain.ReasonTree;
import mes.kernel.Refusal;
import mes.maintenance.domain.MaintenanceFigures;
import mes.maintenance.domain.Stop;
import mes.maintenance.domain.StopFinder;
import mes.oee.OeeService;
import mes.oee.domain.Interval;

/**
 * Maintenance figures (contracts/maintenance.md) as queries over the stored facts: the stops of
 * each machine from its state timeline (the one OEE uses), classed by the site's reason tree and
 * the machine's micro-stop threshold, with APT from OEE; summed for lines, areas and sites.
 */
@ApplicationScoped
public class MaintenanceService {

    /** The figures of a scope and window. */
    public record Kpis(OeeService.Scope scope, String id, Interval window, MaintenanceFigures figures) {
    }

    @Inject
    EquipmentService equipment;

    @Inject
    OeeService oee;

    @Inject
    Clock clock;

    @Inject
    mes.andon.AndonService andon;

    public Kpis kpis(OeeService.Scope scope, String id, Interval window) {
        return kpis(scope, id, window, Instant.MAX);
    }

    /**
     * The figures as they stood at {@code asOf} (or now, when that is earlier): a failure still going
     * on then counts up to it, so a report made for a past moment says the same when made again.
     */
    public Kpis kpis(OeeService.Scope scope, String id, Interval window, Instant asOf) {
        MaintenanceFigures total = MaintenanceFigures.ZERO;
        for (MaintenanceFigures f : perMachine(scope, id, window, asOf).values()) {
            total = total.plus(f);
        }
        return new Kpis(scope, id, window, total);
    }

    /**
     * Each machine's figures of a scope, by machine id, as they stood at {@code asOf}: for callers that
     * show machines and their sums (a report's sites and lines from one pass over the machines).
     */
    public Map<String, MaintenanceFigures> perMachine(OeeService.Scope scope, String id, Interval window, Instant asOf) {
        if (!window.from().isBefore(window.to())) {
            throw Refusal.invalid("from must be before to");
        }
        if (window.duration().compareTo(OeeService.MAX_WINDOW) > 0) {
            throw Refusal.invalid("the window is longer than " + OeeService.MAX_WINDOW.toDays() + " days");
        }
        Map<String, String> siteOfLine = siteOfLine();
        List<Hierarchy.Machine> machines = machinesOf(scope, id, siteOfLine);
        Map<String, OeeService.Figures> apt = oee.perMachine(scope, id, window);
        Map<String, ReasonTree> trees = new HashMap<>();
        // the facts are stored to the microsecond: a finer now would end every ongoing stop in a sliver of OFFLINE
        Instant clockNow = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        Instant now = asOf.isBefore(clockNow) ? asOf : clockNow;
        Map<String, MaintenanceFigures> out = new java.util.LinkedHashMap<>();
        for (Hierarchy.Machine m : machines) {
            ReasonTree tree = trees.computeIfAbsent(siteOfLine.get(m.lineId()), equipment::downtimeReasons);
            OeeService.Figures f = apt.get(m.id());
            List<Stop> stops = stops(m.id(), window, now);
            List<Instant> answers = stops.isEmpty() ? List.of() : andon.maintenanceAnswers(m.id(), window.from(), now.plusNanos(1000));
            out.put(m.id(), MaintenanceFigures.of(stops, tree, m.microStopSeconds(), f == null ? 0 : f.elements().apt(), answers));
        }
        return out;
    }

    /** The stops of a machine that start in the window, each with its whole duration ({@link StopFinder#find}). */
    public List<Stop> stops(String machineId, Interval window, Instant now) {
        return StopFinder.find(w -> oee.down(machineId, w), window, now);
    }

    /** The ids of a scope's machines (404 for a scope that does not exist). */
    Set<String> machineIds(OeeService.Scope scope, String id) {
        return machinesOf(scope, id, siteOfLine()).stream().map(Hierarchy.Machine::id).collect(Collectors.toSet());
    }

    private List<Hierarchy.Machine> machinesOf(OeeService.Scope scope, String id, Map<String, String> siteOfLine) {
        if (id == null || id.isBlank()) {
            throw Refusal.invalid("id is required");
        }
        List<Hierarchy.Machine> all = equipment.machines();
        return switch (scope) {
            case machine -> List.of(equipment.machine(id).orElseThrow(() -> Refusal.notFound("No machine " + id)));
            case line -> {
                equipment.line(id).orElseThrow(() -> Refusal.notFound("No line " + id));
                yield all.stream().filter(m -> m.lineId().equals(id)).toList();
            }
            case area -> {
                equipment.area(id).orElseThrow(() -> Refusal.notFound("No area " + id));
                Set<String> lines = equipment.lines().stream().filter(l -> l.areaId().equals(id)).map(Hierarchy.Line::id)
                        .collect(Collectors.toSet());
                yield all.stream().filter(m -> lines.contains(m.lineId())).toList();
            }
            case site -> {
                equipment.site(id).orElseThrow(() -> Refusal.notFound("No site " + id));
                yield all.stream().filter(m -> id.equals(siteOfLine.get(m.lineId()))).toList();
            }
        };
    }

    private Map<String, String> siteOfLine() {
        Map<String, String> siteOfArea = equipment.areas().stream()
                .collect(Collectors.toMap(Hierarchy.Area::id, Hierarchy.Area::siteId));
        Map<String, String> out = new HashMap<>();
        equipment.lines().forEach(l -> out.put(l.id(), siteOfArea.get(l.areaId())));
        return out;
    }
}
