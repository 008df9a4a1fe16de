package mes.maintenance;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import mes.anomaly.AlertService;
import mes.anomaly.domain.Finding;
import mes.anomaly.domain.Severity;
import mes.audit.AuditTrail;
import mes.equipment.EquipmentService;
import mes.equipment.domain.MachineState;
import mes.kernel.Refusal;
import mes.maintenance.domain.Compliance;
import mes.maintenance.domain.MaintenanceOrder;
import mes.maintenance.domain.MaintenanceOrder.PartUsed;
import mes.maintenance.domain.Plan;
import mes.maintenance.domain.PlanStanding;
import mes.maintenance.domain.PlanTrigger;
import mes.maintenance.domain.Usage;
import mes.maintenance.persistence.MaintenancePlanStore;
import mes.maintenance.persistence.MaintenancePlanStore.OrderFilter;
import mes.oee.OeeService;
import mes.oee.domain.Interval;
import mes.oee.domain.Segment;
import mes.security.Roles;
import mes.security.UserService;

/**
 * Preventive maintenance (contracts/maintenance.md, IATF 16949 8.5.1.5): plans per machine due by
 * days, run hours or cycles, measured from the stored facts since the last completion; the work
 * order each one gets when it falls due, through open, assigned, in progress and done, every step
 * in the audit trail; PM_OVERDUE while a plan is beyond its tolerance; PM compliance per period.
 */
@ApplicationScoped
public class PreventiveMaintenance {

    /** The rule of the alert an overdue plan raises on its machine. */
    public static final String OVERDUE_RULE = "PM_OVERDUE";

    /** A plan and where it stands now, with its order that is not done yet (if any). */
    public record PlanView(Plan plan, Instant since, PlanStanding standing, MaintenanceOrder openOrder) {
    }

    /** The new plan as asked for; null where the plan's default applies. */
    public record NewPlan(String machineId, String title, String instructions, PlanTrigger trigger, Double every, Double tolerancePercent,
            Instant startsAt, Boolean firstOffRequired) {
    }

    /** What a technician records on completing an order. */
    public record Completion(String notes, Integer minutesSpent, List<PartUsed> parts) {
    }

    @Inject
    MaintenancePlanStore store;

    @Inject
    EquipmentService equipment;

    @Inject
    OeeService oee;

    @Inject
    MaintenanceService figures;

    @Inject
    AlertService alerts;

    @Inject
    UserService users;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    public PlanView createPlan(NewPlan p) {
        Plan plan = insertPlan(p);
        return view(plan, now());
    }

    @Transactional
    Plan insertPlan(NewPlan p) {
        if (p == null) {
            throw Refusal.invalid("a plan is required");
        }
        if (p.machineId() == null || p.machineId().isBlank()) {
            throw Refusal.invalid("machineId is required");
        }
        equipment.machine(p.machineId()).orElseThrow(() -> Refusal.invalid("No machine " + p.machineId()));
        String title = p.title() == null ? "" : p.title().trim();
        if (title.isEmpty() || title.length() > 120) {
            throw Refusal.invalid("title is required: what is done (at most 120 characters)");
        }
        String instructions = p.instructions() == null || p.instructions().isBlank() ? null : p.instructions().trim();
        if (instructions != null && instructions.length() > 2000) {
            throw Refusal.invalid("instructions: at most 2000 characters");
        }
        if (p.trigger() == null) {
            throw Refusal.invalid("trigger is required: DAYS, RUN_HOURS or CYCLES");
        }
        if (p.every() == null || !(p.every() > 0) || p.every() > 100_000_000 || p.every().isInfinite()) {
            throw Refusal.invalid("every is required: how many " + p.trigger().unit() + " between two services, above 0");
        }
        double tolerance = p.tolerancePercent() == null ? 10 : p.tolerancePercent();
        if (!(tolerance >= 0) || tolerance > 100) {
            throw Refusal.invalid("tolerancePercent must be between 0 and 100");
        }
        Instant now = now();
        Instant startsAt = p.startsAt() == null ? now : p.startsAt().truncatedTo(ChronoUnit.MICROS);
        if (startsAt.isAfter(now.plus(366, ChronoUnit.DAYS)) || startsAt.isBefore(now.minus(3660, ChronoUnit.DAYS))) {
            throw Refusal.invalid("startsAt must lie within ten years before and one year after now");
        }
        Plan plan = store.addPlan(p.machineId(), title, instructions, p.trigger(), p.every(), tolerance, startsAt,
                Boolean.TRUE.equals(p.firstOffRequired()), audit.currentActor(), now);
        audit.record("CREATE", "maintenance_plan", Long.toString(plan.id()), null, plan);
        return plan;
    }

    public PlanView deactivate(long planId) {
        return view(deactivated(planId), now());
    }

    @Transactional
    Plan deactivated(long planId) {
        Plan before = plan(planId);
        if (!before.active()) {
            throw Refusal.conflict("Plan " + planId + " is inactive already");
        }
        store.deactivate(planId);
        Plan after = plan(planId);
        audit.record("DEACTIVATE", "maintenance_plan", Long.toString(planId), before, after);
        return after;
    }

    public Plan plan(long planId) {
        return store.plan(planId).orElseThrow(() -> Refusal.notFound("No maintenance plan " + planId));
    }

    public PlanView planView(long planId) {
        return view(plan(planId), now());
    }

    /** Plans with where they stand now: of one machine or all (null); inactive ones too when asked. */
    public List<PlanView> plans(String machineId, boolean withInactive) {
        if (machineId != null) {
            equipment.machine(machineId).orElseThrow(() -> Refusal.notFound("No machine " + machineId));
        }
        Instant now = now();
        return store.plans(machineId, !withInactive).stream().map(p -> view(p, now)).toList();
    }

    public MaintenanceOrder order(long id) {
        return store.order(id).orElseThrow(() -> Refusal.notFound("No maintenance order " + id));
    }

    public List<MaintenanceOrder> orders(String machineId, String status, int limit) {
        MaintenanceOrder.Status s = null;
        if (status != null) {
            try {
                s = MaintenanceOrder.Status.valueOf(status);
            } catch (IllegalArgumentException e) {
                throw Refusal.invalid("status must be one of " + List.of(MaintenanceOrder.Status.values()));
            }
        }
        if (limit < 1 || limit > 1000) {
            throw Refusal.invalid("limit must be between 1 and 1000");
        }
        return store.orders(new OrderFilter(machineId, s, null, null, limit));
    }

    /** Gives an order that is not done to a person who may do maintenance. */
    @Transactional
    public MaintenanceOrder assign(long id, String assignee) {
        MaintenanceOrder before = locked(id);
        before.checkAssignable();
        String who = assignee == null ? "" : assignee.trim();
        if (who.isEmpty()) {
            throw Refusal.invalid("assignee is required: the user name of the technician");
        }
        UserService.UserView user;
        try {
            user = users.get(who);
        } catch (Refusal e) {
            throw Refusal.invalid("No user " + who);
        }
        if (!user.active() || !(user.roles().contains(Roles.MAINTENANCE) || user.roles().contains(Roles.ADMIN))) {
            throw Refusal.invalid(who + " cannot take maintenance orders (an active user with the MAINTENANCE role can)");
        }
        store.assign(id, who);
        return recorded("ASSIGN", before);
    }

    /** The current user starts work on the order (it becomes theirs). */
    @Transactional
    public MaintenanceOrder start(long id) {
        MaintenanceOrder before = locked(id);
        before.checkStartable();
        store.start(id, audit.currentActor(), now());
        return recorded("START", before);
    }

    /**
     * The current user completes the order: notes, time spent and parts as entered; when it was
     * done, and how much the machine had been used since the last completion, from the clock and
     * the facts.
     */
    public MaintenanceOrder complete(long id, Completion c) {
        MaintenanceOrder seen = order(id);
        // the measure first, outside the transaction: OEE fills its rollups in transactions of its own
        Plan plan = plan(seen.planId());
        Instant now = now();
        double measure = standing(plan, since(plan, now), now).measure();
        return completeAt(id, c, plan, now, measure);
    }

    @Transactional
    MaintenanceOrder completeAt(long id, Completion c, Plan plan, Instant now, double measure) {
        MaintenanceOrder before = locked(id);
        if (c == null) {
            throw Refusal.invalid("notes and minutesSpent are required");
        }
        String notes = c.notes() == null ? "" : c.notes().trim();
        if (notes.isEmpty() || notes.length() > 2000) {
            throw Refusal.invalid("notes are required: what was done and found (at most 2000 characters)");
        }
        if (c.minutesSpent() == null || c.minutesSpent() < 1 || c.minutesSpent() > 10_000) {
            throw Refusal.invalid("minutesSpent is required: the working time in minutes, 1 to 10000");
        }
        List<PartUsed> parts = c.parts() == null ? List.of() : c.parts();
        if (parts.size() > 50) {
            throw Refusal.invalid("parts: at most 50");
        }
        List<PartUsed> clean = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            PartUsed part = parts.get(i);
            String name = part == null || part.name() == null ? "" : part.name().trim();
            if (name.isEmpty() || name.length() > 120) {
                throw Refusal.invalid("parts[" + i + "].name is required (at most 120 characters)");
            }
            if (part.quantity() < 1 || part.quantity() > 10_000) {
                throw Refusal.invalid("parts[" + i + "].quantity must be between 1 and 10000");
            }
            clean.add(new PartUsed(name, part.quantity()));
        }
        before.checkCompletable();
        if (!audit.currentActor().equals(before.assignee()) && !isAdmin()) {
            throw Refusal.notPermitted("Maintenance order " + id + " is " + before.assignee() + "'s; they complete it, or it is assigned to you first");
        }
        store.complete(id, audit.currentActor(), now, notes, c.minutesSpent(), clean, measure,
                PlanStanding.withinTolerance(measure, plan.every(), plan.tolerancePercent()));
        return recorded("COMPLETE", before);
    }

    /**
     * One round over the active plans: opens an order for each plan that fell due and has none,
     * and holds PM_OVERDUE on each machine with a plan beyond its tolerance. Answers the orders opened.
     */
    public List<MaintenanceOrder> check() {
        Instant now = now();
        List<MaintenanceOrder> opened = new ArrayList<>();
        Map<String, List<String>> overdue = new LinkedHashMap<>();
        for (Plan plan : store.plans(null, true)) {
            PlanView v = view(plan, now);
            if (v.standing().state() != PlanStanding.State.NOT_DUE && v.openOrder() == null) {
                openOrder(plan, v.standing().dueAt(), now).ifPresent(opened::add);
            }
            if (v.standing().state() == PlanStanding.State.OVERDUE) {
                overdue.computeIfAbsent(plan.machineId(), k -> new ArrayList<>()).add(String.format(Locale.ROOT, "%s (every %s %s, %s since %s)",
                        plan.title(), number(plan.every()), plan.trigger().unit(), number(v.standing().measure()), v.since()));
            }
        }
        Map<String, Finding> holding = new LinkedHashMap<>();
        overdue.forEach((machine, plans) -> holding.put(machine, new Finding(now, OVERDUE_RULE, Severity.WARNING, plans.size(),
                "preventive maintenance overdue: " + String.join("; ", plans))));
        alerts.holdCondition(OVERDUE_RULE, holding, now);
        return opened;
    }

    @Transactional
    java.util.Optional<MaintenanceOrder> openOrder(Plan plan, Instant dueSince, Instant now) {
        java.util.Optional<MaintenanceOrder> order = store.open(plan, dueSince, now);
        order.ifPresent(o -> audit.record(AuditTrail.SYSTEM, "CREATE", "maintenance_order", Long.toString(o.id()), null, o));
        return order;
    }

    /**
     * PM compliance of a period for a scope's machines, as it stood at {@code asOf} (or now, when
     * that is earlier): the orders made by then that fell due in the period, done by then within
     * their tolerance or not, and those still open then (overdue then or not). A report made again
     * for the same moment says the same.
     */
    public Compliance compliance(OeeService.Scope scope, String id, Interval window, Instant asOf) {
        if (!window.from().isBefore(window.to())) {
            throw Refusal.invalid("from must be before to");
        }
        Set<String> machines = machineIds(scope, id);
        Instant at = at(asOf);
        Map<Long, PlanView> views = new LinkedHashMap<>();
        List<Compliance.Task> tasks = new ArrayList<>();
        for (MaintenanceOrder o : store.orders(new OrderFilter(null, null, window.from(), window.to(), Integer.MAX_VALUE))) {
            if (!machines.contains(o.machineId()) || o.createdAt().isAfter(at)) {
                continue;
            }
            if (o.doneAt() != null && o.doneAt().isBefore(at)) {
                tasks.add(new Compliance.Task(o.dueSince(), true, Boolean.TRUE.equals(o.withinTolerance())));
            } else {
                PlanView v = views.computeIfAbsent(o.planId(), p -> view(plan(p), at));
                tasks.add(new Compliance.Task(o.dueSince(), false, v.standing().state() != PlanStanding.State.OVERDUE));
            }
        }
        return Compliance.of(tasks, window.from(), window.to());
    }

    /** The active plans of a scope's machines that were overdue at {@code asOf} (or now, when that is earlier). */
    public List<PlanView> overdue(OeeService.Scope scope, String id, Instant asOf) {
        Set<String> machines = machineIds(scope, id);
        Instant at = at(asOf);
        return store.plans(null, true).stream().filter(p -> machines.contains(p.machineId()) && !p.createdAt().isAfter(at))
                .map(p -> view(p, at)).filter(v -> v.standing().state() == PlanStanding.State.OVERDUE).toList();
    }

    /**
     * When maintenance that asks for a first-off inspection was done on the machine in the window:
     * the quality schedule makes each one a first piece to inspect.
     */
    public List<Instant> firstOffsRequired(String machineId, Interval window) {
        return store.doneAskingFirstOff(machineId, window.from(), window.to());
    }

    private PlanView view(Plan plan, Instant now) {
        Instant since = since(plan, now);
        return new PlanView(plan, since, standing(plan, since, now), store.openOrder(plan.id()).orElse(null));
    }

    /** Where the plan stands at {@code now}, measured from {@code since}. */
    private PlanStanding standing(Plan plan, Instant since, Instant now) {
        List<Usage> usage = plan.trigger() == PlanTrigger.DAYS || !now.isAfter(since) ? List.of() : usage(plan, new Interval(since, now));
        return PlanStanding.of(plan.trigger(), plan.every(), plan.tolerancePercent(), since, usage, now);
    }

    /** The last completion before the moment, or the plan's start. */
    private Instant since(Plan plan, Instant before) {
        return store.lastDone(plan.id(), before).filter(t -> t.isAfter(plan.startsAt())).orElse(plan.startsAt());
    }

    private Instant at(Instant asOf) {
        Instant now = now();
        return asOf == null || asOf.isAfter(now) ? now : asOf;
    }

    /**
     * The machine's use of the window from the facts, in the plan's unit: per quarter hour from
     * OEE's rollups, and in detail (each RUNNING stretch, each counter increment) only where the
     * measure reaches N or N plus the tolerance, so that when it fell due is exact and a long
     * interval does not read months of raw facts.
     */
    private List<Usage> usage(Plan plan, Interval window) {
        double limit = PlanStanding.limit(plan.every(), plan.tolerancePercent());
        List<Usage> out = new ArrayList<>();
        double sum = 0;
        for (OeeService.Use u : oee.use(plan.machineId(), window)) {
            double amount = plan.trigger() == PlanTrigger.RUN_HOURS ? u.runningSeconds() / 3600 : u.parts();
            boolean crosses = sum < plan.every() && sum + amount >= plan.every() || sum <= limit && sum + amount > limit;
            if (crosses) {
                out.addAll(detail(plan, u.period()));
            } else if (amount > 0) {
                out.add(new Usage(u.period().from(), u.period().to(), amount));
            }
            sum += amount;
        }
        return out;
    }

    /** The machine's use of a stretch in detail: its RUNNING time in hours, or its counter increments. */
    private List<Usage> detail(Plan plan, Interval window) {
        List<Usage> out = new ArrayList<>();
        if (plan.trigger() == PlanTrigger.RUN_HOURS) {
            for (Segment s : oee.timeline(plan.machineId(), window)) {
                if (s.state() == MachineState.RUNNING && !s.period().isEmpty()) {
                    out.add(new Usage(s.period().from(), s.period().to(), s.period().seconds() / 3600));
                }
            }
        } else {
            oee.increments(plan.machineId(), window).forEach(i -> out.add(Usage.at(i.ts(), i.good() + i.scrap())));
        }
        return out;
    }

    private Set<String> machineIds(OeeService.Scope scope, String id) {
        return figures.machineIds(scope, id);
    }

    private MaintenanceOrder locked(long id) {
        return store.lockOrder(id).orElseThrow(() -> Refusal.notFound("No maintenance order " + id));
    }

    private MaintenanceOrder recorded(String action, MaintenanceOrder before) {
        MaintenanceOrder after = order(before.id());
        audit.record(action, "maintenance_order", Long.toString(before.id()), before, after);
        return after;
    }

    private boolean isAdmin() {
        try {
            return users.get(audit.currentActor()).roles().contains(Roles.ADMIN);
        } catch (Refusal e) {
            return false;
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
