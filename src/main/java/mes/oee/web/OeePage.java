package mes.oee.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateInstance;
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
import jakarta.ws.rs.core.SecurityContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mes.equipment.EquipmentService;
import mes.equipment.domain.Hierarchy.Line;
import mes.equipment.domain.Hierarchy.Machine;
import mes.equipment.domain.Hierarchy.Site;
import mes.equipment.domain.MachineState;
import mes.equipment.domain.ShiftCalendar;
import mes.kernel.Refusal;
import mes.oee.OeeCharts;
import mes.oee.OeeService.Figures;
import mes.oee.OeeService;
import mes.equipment.domain.ReasonTree;
import mes.oee.domain.Interval;
import mes.oee.domain.LossCategories;
import mes.oee.domain.OeeElements;
import mes.oee.domain.PlannedTime;
import mes.oee.domain.Segment;
import mes.oee.persistence.OeeFacts;
import mes.security.Roles;

/**
 * OEE pages for the line: every line and machine for the current shift, today or the last 7 days;
 * a machine's A, E, Q, loss waterfall, downtime Pareto and state timeline; operators give the
 * reason of a stop with a few taps.
 */
@Path("/oee")
@FormAuthentication
@RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR, Roles.QUALITY, Roles.MAINTENANCE, Roles.AUDITOR, Roles.ADMIN})
public class OeePage {

    private final mes.web.SharedViews<SharedMachinePage> views = new mes.web.SharedViews<>();

    @Inject
    mes.web.WebConfig web;

    /** A reason an operator can tap: its code, name and depth below its group. */
    public record Pick(String code, String name, int depth) {
    }

    /** A group of the picker (a root of the site's reason tree) with the reasons below it; none when the root is a reason itself. */
    public record PickGroup(String code, String name, String category, List<Pick> reasons) {
    }

    /** Rounded figures for display (the API keeps full precision). */
    public record Kpis(String oee, String availability, String effectiveness, String quality, String pbtHours, long good,
            long scrap, boolean scheduled, List<String> flags) {
        static Kpis of(OeeElements e) {
            return new Kpis(pct(e.oee()), pct(e.availability()), pct(e.effectiveness()), pct(e.quality()),
                    OeeCharts.hours(e.pbt()), e.gq(), e.sq(), e.pbt() > 0, e.flags());
        }
    }

    public record Row(String id, String name, Kpis kpis) {
    }

    public record LineView(String id, String name, Kpis kpis, List<Row> machines) {
    }

    public record PeriodView(String key, String label, String window, boolean selected) {
    }

    /**
     * A stop as the page lists it: its reason's code, name and loss category; {@code unclassified}
     * when the site's tree does not hold the code (it counts as a breakdown then).
     */
    public record Stop(String from, String to, String state, String reason, String reasonName, String category,
            boolean unclassified, String minutes) {
    }

    public record MachineView(String id, String name, String lineId, String period, String window, Kpis kpis, RawString waterfall,
            RawString pareto, RawString paretoByCategory, RawString timeline, List<Stop> stops, List<PickGroup> picker) {
    }

    @CheckedTemplate
    public static class Templates {
        public static native TemplateInstance plant(List<PeriodView> periods, Kpis plant, List<LineView> lines);

        public static native TemplateInstance machine(MachineView machine, List<PeriodView> periods, boolean canEnter,
                String notice, String error);
    }

    @Inject
    OeeService oee;

    @Inject
    EquipmentService equipment;

    @Inject
    OeeFacts facts;

    @Inject
    Clock clock;

    @GET
    @Blocking
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance plant(@QueryParam("period") String period) {
        String key = period(period);
        List<Site> sites = equipment.sites();
        if (sites.isEmpty()) {
            return Templates.plant(periods(key, null, null), Kpis.of(OeeElements.ZERO), List.of());
        }
        // each machine once, in its site's period; lines and the plant are their sums
        Map<String, Figures> perMachine = new java.util.LinkedHashMap<>();
        Interval window = null;
        ShiftCalendar calendar = null;
        ZoneId zone = null;
        for (Site site : sites) {
            ZoneId siteZone = ZoneId.of(site.timeZone());
            ShiftCalendar siteCalendar = equipment.calendar(site.id()).orElse(new ShiftCalendar(List.of(), List.of()));
            Interval siteWindow = window(key, siteCalendar, siteZone);
            perMachine.putAll(oee.perMachine(OeeService.Scope.site, site.id(), siteWindow));
            if (window == null) {
                window = siteWindow;
                calendar = siteCalendar;
                zone = siteZone;
            }
        }
        List<Machine> machines = equipment.machines();
        Interval shown = window;
        List<LineView> lines = equipment.lines().stream().map(l -> line(l, machines, perMachine, shown)).toList();
        Figures plant = OeeService.sum(window, perMachine.values());
        return Templates.plant(periods(key, calendar, zone), Kpis.of(plant.elements()), lines);
    }

    @GET
    @Path("/machine/{id}")
    @Blocking
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance machine(@PathParam("id") String id, @QueryParam("period") String period,
            @QueryParam("notice") String notice, @QueryParam("error") String error, SecurityContext security) {
        String key = period(period);
        // everything from the database is in the shared view: a request within its age reads nothing
        SharedMachinePage page = views.get(id + "|" + key, web.machinePageMaxAge(), () -> {
            Machine m = equipment.machine(id).orElseThrow(() -> Refusal.notFound("No machine " + id));
            Context ctx = context(m);
            return new SharedMachinePage(machineView(m, key, ctx), periods(key, ctx.calendar(), ctx.zone()));
        });
        boolean canEnter = security.isUserInRole(Roles.OPERATOR) || security.isUserInRole(Roles.SUPERVISOR)
                || security.isUserInRole(Roles.MAINTENANCE) || security.isUserInRole(Roles.ADMIN);
        return Templates.machine(page.machine(), page.periods(), canEnter, notice, error);
    }

    /** A machine page's parts that are the same for every viewer: its view and the period choices. */
    private record SharedMachinePage(MachineView machine, List<PeriodView> periods) {
    }

    /** The machine's figures and charts for the period: the same for every viewer (shared for mes.web.machine-page-max-age). */
    private MachineView machineView(Machine m, String key, Context ctx) {
        String id = m.id();
        Interval window = window(key, ctx.calendar(), ctx.zone());
        Figures f = oee.figures(OeeService.Scope.machine, id, window);
        List<Map.Entry<String, Double>> pareto = f.lossByReason().entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).toList();
        List<Segment> segments = oee.states(id, window);
        DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH).withZone(ctx.zone());
        ReasonTree tree = ctx.reasons();
        List<Stop> stops = segments.stream()
                .filter(s -> s.state() == MachineState.DOWN || s.state() == MachineState.IDLE || s.state() == MachineState.SETUP)
                .sorted(Comparator.comparing((Segment s) -> s.period().from()).reversed()).limit(12)
                .map(s -> new Stop(s.period().from().toString(), s.period().to().toString(),
                        hhmm.format(s.period().from()) + " - " + hhmm.format(s.period().to()) + " " + s.state().name(),
                        s.reason() == null ? "" : s.reason(), s.reason() == null ? "" : tree.nameOf(s.reason()),
                        s.reason() != null && tree.classifies(s.reason()) ? tree.categoryOf(s.reason()).label() : "",
                        s.reason() != null && !tree.classifies(s.reason()), OeeCharts.minutes(s.period().seconds())))
                .toList();
        Map<String, Double> byCategory = LossCategories.of(f.lossByReason(), tree, oee.minorStopLoss(OeeService.Scope.machine, id, window));
        return new MachineView(m.id(), m.name(), m.lineId(), key, describe(window, ctx.zone()), Kpis.of(f.elements()),
                OeeCharts.waterfall(f.elements()),
                OeeCharts.pareto(pareto.stream().map(Map.Entry::getKey).toList(), pareto.stream().map(Map.Entry::getValue).toList()),
                OeeCharts.pareto(byCategory.keySet().stream().map(LossCategories::label).toList(), List.copyOf(byCategory.values())),
                OeeCharts.timeline(segments, window, ctx.zone()), stops, picker(tree));
    }

    /** An operator gives the reason of a stop (a form of the machine page). */
    @POST
    @Path("/machine/{id}/reason")
    @Blocking
    @RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR, Roles.MAINTENANCE, Roles.ADMIN})
    public Response reason(@PathParam("id") String id, @FormParam("from") String from, @FormParam("to") String to,
            @FormParam("reason") String reason, @FormParam("other") String other, @FormParam("period") String period,
            SecurityContext security) {
        String back = "/oee/machine/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "?period=" + period(period);
        String chosen = other != null && !other.isBlank() ? other.trim() : reason == null ? "" : reason.trim();
        if (chosen.isEmpty() || chosen.length() > 64) {
            return mes.web.Redirects.error(back, "Pick a reason or type one (at most 64 characters)");
        }
        try {
            Interval period2 = OeeResource.window(from, to);
            if (!facts.exists("machine", id)) {
                throw Refusal.notFound("No machine " + id);
            }
            facts.addReason(id, period2, chosen, null, security.getUserPrincipal().getName());
            views.forget(id + "|");
        } catch (Refusal e) {
            return mes.web.Redirects.error(back, e.getMessage());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return mes.web.Redirects.notice(back, "Reason " + chosen + " saved");
    }

    private static LineView line(Line l, List<Machine> machines, Map<String, Figures> perMachine, Interval window) {
        List<Machine> ofLine = machines.stream().filter(m -> m.lineId().equals(l.id()) && perMachine.containsKey(m.id())).toList();
        List<Row> rows = ofLine.stream().map(m -> new Row(m.id(), m.name(), Kpis.of(perMachine.get(m.id()).elements()))).toList();
        Figures sum = OeeService.sum(window, ofLine.stream().map(m -> perMachine.get(m.id())).toList());
        return new LineView(l.id(), l.name(), Kpis.of(sum.elements()), rows);
    }

    private record Context(ShiftCalendar calendar, ZoneId zone, ReasonTree reasons) {
    }

    /** The picker: one group per root of the tree, every reason below it (depth first) one tap away. */
    static List<PickGroup> picker(ReasonTree tree) {
        List<PickGroup> out = new java.util.ArrayList<>();
        for (ReasonTree.Node root : tree.roots()) {
            List<Pick> below = new java.util.ArrayList<>();
            descend(tree, root.code(), 0, below);
            out.add(new PickGroup(root.code(), root.name(), root.category().label(), below));
        }
        return out;
    }

    private static void descend(ReasonTree tree, String code, int depth, List<Pick> into) {
        for (ReasonTree.Node child : tree.children(code)) {
            into.add(new Pick(child.code(), child.name(), depth));
            descend(tree, child.code(), depth + 1, into);
        }
    }

    private Context context(Machine m) {
        Line l = equipment.line(m.lineId()).orElseThrow();
        String siteId = equipment.area(l.areaId()).orElseThrow().siteId();
        Site site = equipment.site(siteId).orElseThrow();
        return new Context(equipment.calendar(siteId).orElse(new ShiftCalendar(List.of(), List.of())), ZoneId.of(site.timeZone()),
                equipment.downtimeReasons(siteId));
    }

    private List<PeriodView> periods(String selected, ShiftCalendar calendar, ZoneId zone) {
        return List.of(
                new PeriodView("shift", "Current shift", calendar == null ? "" : describe(window("shift", calendar, zone), zone),
                        selected.equals("shift")),
                new PeriodView("today", "Today", calendar == null ? "" : describe(window("today", calendar, zone), zone),
                        selected.equals("today")),
                new PeriodView("week", "Last 7 days", calendar == null ? "" : describe(window("week", calendar, zone), zone),
                        selected.equals("week")));
    }

    /** The window of a period: the shift now running (or the last one), today so far, or the last 7 days. */
    Interval window(String key, ShiftCalendar calendar, ZoneId zone) {
        Instant now = clock.instant();
        return switch (key) {
            case "today" -> new Interval(LocalDate.ofInstant(now, zone).atStartOfDay(zone).toInstant(), now);
            case "week" -> new Interval(now.minus(Duration.ofDays(7)), now);
            default -> {
                List<PlannedTime.ShiftInstance> shifts = PlannedTime.shifts(calendar, zone, new Interval(now.minus(Duration.ofDays(3)), now));
                PlannedTime.ShiftInstance last = shifts.isEmpty() ? null : shifts.get(shifts.size() - 1);
                if (last == null) {
                    yield new Interval(LocalDate.ofInstant(now, zone).atStartOfDay(zone).toInstant(), now);
                }
                yield new Interval(last.span().from(), last.span().to().isBefore(now) ? last.span().to() : now);
            }
        };
    }

    private static String period(String p) {
        return p == null || !List.of("shift", "today", "week").contains(p) ? "shift" : p;
    }

    private static String describe(Interval w, ZoneId zone) {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH).withZone(zone);
        return f.format(w.from()) + " - " + f.format(w.to());
    }

    private static String pct(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.1f %%", v * 100);
    }

}
