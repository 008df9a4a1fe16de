package mes.quality;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import mes.equipment.domain.MachineState;
import mes.kernel.Refusal;
import mes.oee.OeeService;
import mes.oee.domain.Interval;
import mes.oee.domain.Segment;
import mes.production.Counts;
import mes.production.LotService;
import mes.production.PartService;
import mes.production.WorkOrderService;
import mes.production.domain.WorkOrderState;
import mes.quality.domain.InspectionSchedule.Activity;
import mes.quality.domain.InspectionSchedule.Check;
import mes.quality.domain.InspectionSchedule.Facts;
import mes.quality.domain.InspectionSchedule.Occurrence;
import mes.quality.domain.InspectionSchedule.Span;
import mes.quality.domain.InspectionSchedule.Status;
import mes.quality.domain.InspectionSchedule.Verification;
import mes.quality.domain.InspectionSchedule;
import mes.quality.persistence.Characteristic;
import mes.quality.persistence.InspectionStore;

/**
 * What the control plan asks to inspect during a work order and when (InspectionSchedule, from the
 * stored facts), the set-up verification of the parts made since the last set-up (IATF 16949
 * 8.5.1.3), the parts put on hold when a first-piece inspection fails, and the missed inspections
 * of a period.
 */
@ApplicationScoped
public class InspectionScheduleService {

    /** One occurrence of a characteristic's trigger during an order. */
    public record Item(String orderId, long characteristicId, String code, String name, boolean special, String trigger, String detail,
            Instant dueAt, Instant metAt, String status) {
        public boolean open() {
            return Status.valueOf(status).open();
        }

        public boolean overdue() {
            return Status.OVERDUE.name().equals(status);
        }
    }

    /** An order's schedule: its set-up verification and every occurrence, the open ones first. */
    public record OrderSchedule(String orderId, String partId, String lineId, String state, Instant lastSetUp, String verification,
            long partsSinceSetUp, List<Item> items) {
        public List<Item> open() {
            return items.stream().filter(Item::open).toList();
        }

        public boolean unverified() {
            return Verification.UNVERIFIED.name().equals(verification);
        }

        public boolean failed() {
            return Verification.FAILED.name().equals(verification);
        }
    }

    @Inject
    WorkOrderService orders;

    @Inject
    PartService parts;

    @Inject
    Counts counts;

    @Inject
    OeeService oee;

    @Inject
    LotService lots;

    @Inject
    ControlPlanService plans;

    @Inject
    QualityConfig config;

    @Inject
    InspectionStore inspectionRecords;

    @Inject
    Clock clock;

    @Inject
    mes.maintenance.PreventiveMaintenance maintenance;

    /** The schedule of the order running or held on a line, or null when none is. */
    public OrderSchedule forLine(String lineId) {
        return orders.queue(lineId).stream().filter(o -> o.state() == WorkOrderState.RUNNING || o.state() == WorkOrderState.HELD)
                .findFirst().map(o -> schedule(o.id())).orElse(null);
    }

    public OrderSchedule schedule(String orderId) {
        Instant now = clock.instant();
        WorkOrderService.OrderView order = orders.get(orderId);
        List<WorkOrderService.Run> runs = orders.runs(orderId);
        if (runs.isEmpty()) {
            return new OrderSchedule(orderId, order.partId(), order.lineId(), order.state().name(), null,
                    Verification.NOT_REQUIRED.name(), 0, List.of());
        }
        Instant start = runs.get(0).startedAt();
        boolean ended = order.state() != WorkOrderState.RUNNING && order.state() != WorkOrderState.HELD;
        Instant end = ended ? runs.stream().map(r -> r.endedAt() == null ? now : r.endedAt()).max(Comparator.naturalOrder()).orElse(now)
                : null;
        Instant until = end == null ? now : end;
        PartService.PartView part = parts.get(order.partId());
        List<InspectionSchedule.Parts> made = new ArrayList<>();
        List<String> counting = parts.countingMachines(order.partId(), order.lineId());
        for (WorkOrderService.Run r : runs) {
            Instant to = r.endedAt() == null ? until : r.endedAt();
            if (to.isAfter(r.startedAt())) {
                counts.ticks(counting, new Interval(r.startedAt(), to)).forEach(t -> made.add(new InspectionSchedule.Parts(t.at(), t.count())));
            }
        }
        String firstMachine = part.routing().isEmpty() ? null : part.routing().get(0).machineId();
        List<Item> items = new ArrayList<>();
        List<List<Check>> firstOff = new ArrayList<>();
        Instant lastSetUp = start;
        java.util.Map<String, List<Span>> machineTime = new java.util.HashMap<>();
        java.util.Map<String, List<Instant>> maintainedOn = new java.util.HashMap<>();
        for (Characteristic ch : plans.active(order.partId())) {
            if (ch.when().none()) {
                continue;
            }
            String machine = part.routing().stream().filter(op -> op.operationNo() == ch.operationNo).map(PartService.Operation::machineId)
                    .findFirst().orElse(firstMachine);
            List<Span> spans = machine == null ? List.of() : machineTime.computeIfAbsent(machine, m -> spans(m, start, until));
            List<Check> checks = checks(orderId, ch.id);
            List<Instant> maintained = machine == null ? List.of()
                    : maintainedOn.computeIfAbsent(machine, m -> maintenance.firstOffsRequired(m, new Interval(start, until.plusNanos(1000))));
            Facts facts = new Facts(start, end, spans, checks, made, maintained);
            for (Occurrence o : InspectionSchedule.occurrences(ch.when(), facts, now, config.inspectionGrace())) {
                items.add(new Item(orderId, ch.id, ch.code, ch.name, ch.special, o.trigger().name(), o.detail(), o.dueAt(), o.metAt(),
                        o.status().name()));
            }
            if (ch.firstOff) {
                Instant s = InspectionSchedule.lastSetUp(facts, now);
                if (s.isAfter(lastSetUp)) {
                    lastSetUp = s;
                }
                firstOff.add(checks);
            }
        }
        Verification v = InspectionSchedule.verification(lastSetUp, firstOff);
        Instant since = lastSetUp;
        long partsSince = made.stream().filter(p -> !p.at().isBefore(since)).mapToLong(InspectionSchedule.Parts::count).sum();
        items.sort(Comparator.comparing((Item i) -> !i.open()).thenComparing(Item::dueAt));
        return new OrderSchedule(orderId, order.partId(), order.lineId(), order.state().name(), lastSetUp, v.name(), partsSince, items);
    }

    /** The inspections of the period that were missed or made late, per order, in the order they fell due. */
    public List<Item> missed(Instant from, Instant to) {
        if (!from.isBefore(to) || java.time.Duration.between(from, to).compareTo(java.time.Duration.ofDays(31)) > 0) {
            throw Refusal.invalid("from must be before to, at most 31 days apart");
        }
        List<Item> out = new ArrayList<>();
        for (String orderId : orders.ranIn(from, to)) {
            for (Item i : schedule(orderId).items()) {
                boolean inPeriod = !i.dueAt().isBefore(from) && i.dueAt().isBefore(to);
                if (inPeriod && (Status.MISSED.name().equals(i.status()) || Status.LATE.name().equals(i.status())
                        || Status.OVERDUE.name().equals(i.status()))) {
                    out.add(i);
                }
            }
        }
        out.sort(Comparator.comparing(Item::dueAt));
        return out;
    }

    /**
     * After an inspection of a first-piece characteristic: when the set-up verification has failed,
     * the order's lots that hold parts made since the last set-up go on hold. Returns the lots held.
     */
    public List<String> afterFirstPiece(String orderId, Characteristic ch, Instant inspectedAt) {
        if (orderId == null || !ch.firstOff) {
            return List.of();
        }
        OrderSchedule s = schedule(orderId);
        if (!s.failed() || s.lastSetUp() == null || inspectedAt.isBefore(s.lastSetUp())) {
            return List.of();
        }
        boolean passedBefore = checks(orderId, ch.id).stream()
                .anyMatch(c -> c.passed() && !c.at().isBefore(s.lastSetUp()) && c.at().isBefore(inspectedAt));
        if (passedBefore) {
            return List.of(); // the set-up was verified already: this is a routine check, its reaction plan applies
        }
        List<String> suspect = lots.ofOrder(orderId).stream().filter(l -> l.closedAt() == null || !l.closedAt().isBefore(s.lastSetUp()))
                .map(l -> l.id()).toList();
        if (suspect.isEmpty()) {
            return List.of();
        }
        return lots.hold(suspect, "first-piece inspection of " + ch.code + " failed: the parts made since the set-up at "
                + s.lastSetUp() + " are on hold until quality decides (IATF 16949 8.5.1.3)");
    }

    private List<Span> spans(String machine, Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return List.of();
        }
        List<Span> out = new ArrayList<>();
        for (Segment s : oee.states(machine, new Interval(from, to))) {
            out.add(new Span(s.period().from(), s.period().to(), activity(s.state(), s.reason())));
        }
        return out;
    }

    /** A planned stop for maintenance names it in its reason (MAINT..., PM...); a DOWN stop is a repair. */
    static Activity activity(MachineState state, String reason) {
        return switch (state) {
            case RUNNING -> Activity.RUNNING;
            case SETUP -> Activity.SETUP;
            case DOWN -> Activity.REPAIR;
            case PLANNED_STOP -> reason != null && (reason.toUpperCase(Locale.ROOT).startsWith("MAINT")
                    || reason.toUpperCase(Locale.ROOT).startsWith("PM")) ? Activity.PLANNED_MAINTENANCE : Activity.STOPPED;
            default -> Activity.STOPPED;
        };
    }

    /** The current inspection records of a characteristic on the order's lots (a corrected record counts once, as corrected). */
    private List<Check> checks(String orderId, long characteristicId) {
        return inspectionRecords.checksOfOrder(orderId, characteristicId);
    }
}
