package mes.maintenance.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.annotation.FormAuthentication;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mes.andon.AndonService;
import mes.andon.domain.AndonCall;
import mes.equipment.EquipmentService;
import mes.equipment.domain.CurrentState;
import mes.equipment.domain.Hierarchy;
import mes.equipment.domain.MachineState;
import mes.equipment.domain.ReasonTree;
import mes.kernel.Refusal;
import mes.maintenance.PreventiveMaintenance;
import mes.maintenance.domain.Compliance;
import mes.maintenance.domain.MaintenanceOrder;
import mes.maintenance.domain.PlanTrigger;
import mes.oee.OeeService;
import mes.oee.domain.Interval;
import mes.security.Roles;
import mes.web.Params;
import mes.web.Redirects;

/**
 * /maintenance: the technician's tablet at the machine. What is broken now, the maintenance work
 * orders to do (take, start, complete with notes, time and parts), the plans and how far each is
 * from falling due, PM compliance, and a form for a new plan.
 */
@Path("/maintenance")
@FormAuthentication
@Blocking
@RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR, Roles.QUALITY, Roles.MAINTENANCE, Roles.AUDITOR, Roles.ADMIN})
public class MaintenancePage {

    private static final Set<String> TECHNICIANS = Set.of(Roles.MAINTENANCE, Roles.ADMIN);
    private static final Pattern PART_LINE = Pattern.compile("^(\\d{1,5})\\s*[x×*]\\s*(.+)$");

    /** A machine that is down now, with its reason's name and loss category. */
    public record Broken(String machineId, String machineName, String reason, String reasonName, String category, Instant since) {
    }

    /** A plan row: how far its measure is towards N (percent, capped at 100 for the bar). */
    public record PlanRow(PreventiveMaintenance.PlanView view, String machineName, double percent) {

        public String measureText() {
            return number(view.standing().measure()) + " of " + number(view.plan().every()) + " " + view.plan().trigger().unit();
        }
    }

    /** An order row with its plan's title. */
    public record OrderRow(MaintenanceOrder order, String planTitle, String machineName, boolean mine) {
    }

    public record Board(List<Broken> broken, List<OrderRow> open, List<PlanRow> plans, List<OrderRow> done, Compliance month,
            String siteId, List<Hierarchy.Machine> machines, boolean technician, String me, Instant now, List<AndonService.CallView> calls) {
    }

    @CheckedTemplate
    public static class Templates {
        public static native TemplateInstance page(Board board, String notice, String error);

        public static native TemplateInstance page$board(Board board);
    }

    @Inject
    PreventiveMaintenance maintenance;

    @Inject
    EquipmentService equipment;

    @Inject
    SecurityIdentity identity;

    @Inject
    AndonService andon;

    @Inject
    Clock clock;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@QueryParam("notice") String notice, @QueryParam("error") String error) {
        return Templates.page(board(), notice, error);
    }

    /** The part of the page that refreshes itself. */
    @GET
    @Path("/live")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance live() {
        return Templates.page$board(board());
    }

    @POST
    @Path("/plans")
    public Response createPlan(@FormParam("machineId") String machineId, @FormParam("title") String title,
            @FormParam("trigger") String trigger, @FormParam("every") String every, @FormParam("tolerancePercent") String tolerance,
            @FormParam("firstOffRequired") String firstOff, @FormParam("instructions") String instructions) {
        require(TECHNICIANS);
        try {
            PlanTrigger t;
            try {
                t = PlanTrigger.valueOf(trigger == null ? "" : trigger);
            } catch (IllegalArgumentException e) {
                throw Refusal.invalid("choose what the plan counts: days, run hours or cycles");
            }
            Double n = Params.optionalNumber("every", every);
            Double tol = Params.optionalNumber("tolerance", tolerance);
            var v = maintenance.createPlan(new PreventiveMaintenance.NewPlan(Params.blankToNull(machineId), title, instructions, t, n, tol,
                    null, "on".equals(firstOff) || "true".equals(firstOff)));
            return Redirects.notice("/maintenance", "Plan " + v.plan().id() + " \u201c" + v.plan().title() + "\u201d on " + v.plan().machineId()
                    + ": every " + number(v.plan().every()) + " " + v.plan().trigger().unit());
        } catch (Refusal e) {
            return Redirects.error("/maintenance", e.getMessage());
        }
    }

    @POST
    @Path("/plans/{id}/deactivate")
    public Response deactivate(@PathParam("id") long id) {
        require(TECHNICIANS);
        try {
            var v = maintenance.deactivate(id);
            return Redirects.notice("/maintenance", "Plan " + id + " \u201c" + v.plan().title() + "\u201d no longer falls due");
        } catch (Refusal e) {
            return Redirects.error("/maintenance", e.getMessage());
        }
    }

    @POST
    @Path("/orders/{id}/take")
    public Response take(@PathParam("id") long id) {
        require(TECHNICIANS);
        try {
            maintenance.assign(id, identity.getPrincipal().getName());
            return Redirects.notice("/maintenance", "Order " + id + " is yours");
        } catch (Refusal e) {
            return Redirects.error("/maintenance", e.getMessage());
        }
    }

    @POST
    @Path("/orders/{id}/start")
    public Response start(@PathParam("id") long id) {
        require(TECHNICIANS);
        try {
            maintenance.start(id);
            return Redirects.notice("/maintenance", "Order " + id + " in progress");
        } catch (Refusal e) {
            return Redirects.error("/maintenance", e.getMessage());
        }
    }

    @POST
    @Path("/orders/{id}/complete")
    public Response complete(@PathParam("id") long id, @FormParam("notes") String notes, @FormParam("minutesSpent") String minutes,
            @FormParam("parts") String parts) {
        require(TECHNICIANS);
        try {
            Integer m = Params.optionalInteger("minutes spent", minutes);
            MaintenanceOrder o = maintenance.complete(id, new PreventiveMaintenance.Completion(notes, m, parts(parts)));
            return Redirects.notice("/maintenance", "Order " + id + " done" + (Boolean.TRUE.equals(o.withinTolerance()) ? ", within tolerance"
                    : ", later than the plan's tolerance"));
        } catch (Refusal e) {
            return Redirects.error("/maintenance", "Order " + id + ": " + e.getMessage());
        }
    }

    /** Parts as typed on the tablet: one per line, "2 x Bearing 6205". */
    static List<MaintenanceOrder.PartUsed> parts(String text) {
        List<MaintenanceOrder.PartUsed> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = PART_LINE.matcher(line);
            if (!m.matches()) {
                throw Refusal.invalid("parts, line " + (i + 1) + " \u201c" + line + "\u201d: write the quantity, x, and the part, e.g. 2 x Bearing 6205");
            }
            out.add(new MaintenanceOrder.PartUsed(m.group(2).trim(), Integer.parseInt(m.group(1))));
        }
        return out;
    }

    private Board board() {
        Instant now = clock.instant();
        List<Hierarchy.Machine> machines = equipment.machines();
        Map<String, String> names = new HashMap<>();
        machines.forEach(m -> names.put(m.id(), m.name()));
        Map<String, String> siteOfLine = new HashMap<>();
        Map<String, String> siteOfArea = new HashMap<>();
        equipment.areas().forEach(a -> siteOfArea.put(a.id(), a.siteId()));
        equipment.lines().forEach(l -> siteOfLine.put(l.id(), siteOfArea.get(l.areaId())));
        Map<String, ReasonTree> trees = new HashMap<>();
        Map<String, CurrentState> states = equipment.currentStates();
        List<Broken> broken = new ArrayList<>();
        for (Hierarchy.Machine m : machines) {
            CurrentState s = states.get(m.id());
            if (s != null && s.state() == MachineState.DOWN) {
                ReasonTree tree = trees.computeIfAbsent(siteOfLine.get(m.lineId()), equipment::downtimeReasons);
                String code = s.reason();
                String name = code == null ? "no reason given" : tree.classifies(code) ? tree.nameOf(code) : code + " (unclassified)";
                broken.add(new Broken(m.id(), m.name(), code, name, tree.categoryOf(code).label(), s.since()));
            }
        }
        broken.sort(Comparator.comparing(Broken::since, Comparator.nullsLast(Comparator.naturalOrder())));
        List<PreventiveMaintenance.PlanView> views = maintenance.plans(null, true); // inactive ones too: their orders need a title
        Map<Long, String> titles = new HashMap<>();
        views.forEach(v -> titles.put(v.plan().id(), v.plan().title()));
        List<PlanRow> plans = views.stream().filter(v -> v.plan().active()).map(v -> new PlanRow(v, names.getOrDefault(v.plan().machineId(), v.plan().machineId()),
                Math.min(100, 100 * v.standing().measure() / v.plan().every()))).sorted(Comparator
                        .comparing((PlanRow r) -> -r.view().standing().state().ordinal()).thenComparing(r -> -r.percent())).toList();
        String me = identity.getPrincipal().getName();
        List<OrderRow> open = new ArrayList<>();
        List<OrderRow> done = new ArrayList<>();
        for (MaintenanceOrder o : maintenance.orders(null, null, 200)) {
            OrderRow row = new OrderRow(o, titles.getOrDefault(o.planId(), "plan " + o.planId()), names.getOrDefault(o.machineId(), o.machineId()),
                    me.equals(o.assignee()));
            if (o.status() == MaintenanceOrder.Status.DONE) {
                if (done.size() < 20) {
                    done.add(row);
                }
            } else {
                open.add(row);
            }
        }
        done.sort(Comparator.comparing((OrderRow r) -> r.order().doneAt()).reversed());
        String siteId = equipment.sites().isEmpty() ? null : equipment.sites().get(0).id();
        Compliance month = siteId == null ? null
                : maintenance.compliance(OeeService.Scope.site, siteId, new Interval(now.minus(30, ChronoUnit.DAYS), now), null);
        boolean technician = TECHNICIANS.stream().anyMatch(identity::hasRole);
        List<AndonService.CallView> calls = andon.list(null, "ACTIVE", null, null, 200).stream()
                .sorted(Comparator.comparing((AndonService.CallView v) -> v.call().target() != AndonCall.Target.MAINTENANCE)
                        .thenComparing(v -> v.call().calledAt()))
                .toList();
        return new Board(broken, open, plans, done, month, siteId, machines, technician, me, now, calls);
    }

    private void require(Set<String> roles) {
        if (roles.stream().noneMatch(identity::hasRole)) {
            throw new ForbiddenException();
        }
    }

    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
