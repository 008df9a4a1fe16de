package mes.production.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.vertx.http.runtime.security.annotation.FormAuthentication;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import mes.anomaly.AlertService;
import mes.anomaly.domain.ActiveAlerts;
import mes.equipment.EquipmentService;
import mes.equipment.domain.CurrentState;
import mes.equipment.domain.Hierarchy.Area;
import mes.equipment.domain.Hierarchy.Line;
import mes.equipment.domain.Hierarchy.Machine;
import mes.equipment.domain.MachineState;
import mes.security.Roles;

/**
 * The plant overview: every line with its machines and what each is doing now, colour-coded
 * and labelled, refreshing on its own (the page reloads its fragment every few seconds).
 */
@Path("/")
@FormAuthentication
@RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR, Roles.QUALITY, Roles.MAINTENANCE, Roles.AUDITOR, Roles.ADMIN})
public class PlantPage {

    /** A machine tile. */
    public record MachineTile(String id, String name, MachineState state, String reason, Instant since, int alerts,
            String worst, List<mes.andon.domain.AndonCall.Target> andon) {
    }

    /** An andon call not resolved yet: who was called to which machine, how long ago, answered or not, escalated or not. */
    public record Call(long id, String machineId, mes.andon.domain.AndonCall.Target target, String status, Instant since, String escalation) {
    }

    /** A line with its machines and how many are in each state. */
    public record LineView(String id, String name, List<MachineTile> machines, Map<MachineState, Integer> counts) {
    }

    public record AreaView(String id, String name, List<LineView> lines) {
    }

    /** The whole plant now. */
    public record Overview(List<AreaView> areas, Map<MachineState, Integer> counts, int machines, Instant updated, List<Call> calls) {
    }

    @CheckedTemplate
    public static class Templates {
        public static native TemplateInstance overview(Overview overview);

        public static native TemplateInstance overview$plant(Overview overview);
    }

    @Inject
    EquipmentService equipment;

    @Inject
    Clock clock;

    @Inject
    AlertService alerts;

    @Inject
    mes.web.WebConfig web;

    @Inject
    mes.andon.AndonService andon;

    /** The overview, shared by every viewer for {@code mes.web.overview-max-age}. */
    private final mes.web.SharedViews<Overview> shared = new mes.web.SharedViews<>();

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance overview() {
        return Templates.overview(build());
    }

    /** The live part of the page, fetched again every few seconds. */
    @GET
    @Path("plant/live")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance live() {
        return Templates.overview$plant(build());
    }

    Overview build() {
        return shared.get("overview", web.overviewMaxAge(), this::buildNow);
    }

    private Overview buildNow() {
        Instant now = clock.instant();
        Map<String, CurrentState> states = equipment.currentStates();
        Map<String, ActiveAlerts> active = alerts.activeByMachine();
        Map<String, List<mes.andon.AndonService.CallView>> calls = andon.activeByMachine();
        List<Machine> machines = equipment.machines();
        Map<MachineState, Integer> plantCounts = emptyCounts();
        List<AreaView> areas = new ArrayList<>();
        List<Line> lines = equipment.lines();
        Map<String, mes.equipment.domain.ReasonTree> trees = new java.util.HashMap<>();
        for (Area area : equipment.areas()) {
            mes.equipment.domain.ReasonTree tree = trees.computeIfAbsent(area.siteId(), equipment::downtimeReasons);
            List<LineView> lineViews = new ArrayList<>();
            for (Line line : lines) {
                if (!line.areaId().equals(area.id())) {
                    continue;
                }
                Map<MachineState, Integer> counts = emptyCounts();
                List<MachineTile> tiles = new ArrayList<>();
                for (Machine m : machines) {
                    if (!m.lineId().equals(line.id())) {
                        continue;
                    }
                    CurrentState s = states.get(m.id());
                    ActiveAlerts a = active.get(m.id());
                    tiles.add(new MachineTile(m.id(), m.name(), s.state(), tree.nameOf(s.reason()), s.since(),
                            a == null ? 0 : a.count(), a == null ? "" : a.worst().name().toLowerCase(java.util.Locale.ROOT),
                            calls.getOrDefault(m.id(), List.of()).stream().map(c -> c.call().target()).toList()));
                    counts.merge(s.state(), 1, Integer::sum);
                    plantCounts.merge(s.state(), 1, Integer::sum);
                }
                lineViews.add(new LineView(line.id(), line.name(), tiles, counts));
            }
            areas.add(new AreaView(area.id(), area.name(), lineViews));
        }
        List<Call> open = new ArrayList<>();
        calls.values().forEach(list -> list.forEach(v -> open.add(new Call(v.call().id(), v.call().machineId(), v.call().target(),
                v.call().status().name().toLowerCase(java.util.Locale.ROOT), v.call().calledAt(),
                v.escalation().name().toLowerCase(java.util.Locale.ROOT)))));
        return new Overview(areas, plantCounts, machines.size(), now, open);
    }

    private static Map<MachineState, Integer> emptyCounts() {
        Map<MachineState, Integer> counts = new EnumMap<>(MachineState.class);
        for (MachineState s : MachineState.values()) {
            counts.put(s, 0);
        }
        return counts;
    }
}
