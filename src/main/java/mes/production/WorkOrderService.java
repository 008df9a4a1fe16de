package mes.production;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import mes.audit.AuditTrail;
import mes.equipment.EquipmentService;
import mes.kernel.Refusal;
import mes.oee.domain.Interval;
import mes.production.domain.Quantities;
import mes.production.domain.WorkOrderAction.IllegalTransition;
import mes.production.domain.WorkOrderAction;
import mes.production.domain.WorkOrderState;
import mes.production.persistence.Lot;
import mes.production.persistence.OrderRecords;
import mes.production.persistence.WorkOrder;

/**
 * Work orders through their ISA-95 states. Starting an order opens a run period on its line (one
 * order runs per line) and its first output lot; hold, complete and abort end the period, complete
 * and abort close the lot. Quantities come from the counting machines' counters inside the run
 * periods, plus corrections. Every change goes into the audit trail in the same transaction.
 */
@ApplicationScoped
public class WorkOrderService {

    /** A new order as planned. */
    public record NewOrder(String id, String partId, String lineId, Integer plannedQuantity, Instant dueAt, String note) {
    }

    /** What the audit trail keeps of an order. */
    public record Snapshot(String id, String partId, String lineId, int plannedQuantity, WorkOrderState state, Instant dueAt,
            String note) {
        static Snapshot of(WorkOrder o) {
            return new Snapshot(o.id, o.partId, o.lineId, o.plannedQuantity, o.state, o.dueAt, o.note);
        }
    }

    /** A period the order ran. */
    public record Run(Instant startedAt, Instant endedAt, String startedBy, String endedBy) {
    }

    /** A scrap report or correction. */
    public record Correction(long id, String kind, int goodDelta, int scrapDelta, String reason, String lotId, String recordedBy,
            Instant recordedAt) {
    }

    /** An order with its figures and what may be done next. */
    public record OrderView(String id, String partId, String lineId, int plannedQuantity, WorkOrderState state, Instant dueAt,
            String note, Instant releasedAt, Instant startedAt, Instant finishedAt, String createdBy, long good, long scrap,
            Quantities quantities, Set<WorkOrderAction> actions, String currentLotId) {

        /** Whether the action is legal in the order's state (the pages' buttons). */
        public boolean can(String action) {
            return actions.stream().anyMatch(a -> a.name().equals(action));
        }

    }

    /** Scrap reasons offered at the line (free text is accepted too). */
    public static final List<String> SCRAP_REASONS = List.of("DIMENSION_OUT_OF_TOLERANCE", "SURFACE_DEFECT", "BURR", "CRACK",
            "POROSITY", "WELD_DEFECT", "SHORT_SHOT", "WRONG_MATERIAL", "HANDLING_DAMAGE", "SETUP_PART");

    @Inject
    EquipmentService equipment;

    @Inject
    OrderRecords records;

    @Inject
    AuditTrail audit;

    @Inject
    PartService parts;

    @Inject
    Counts counts;

    @Inject
    mes.training.QualificationService qualifications;

    @Inject
    Clock clock;

    /** Plans an order and releases it, both or neither: a release that is refused leaves no order behind. */
    @Transactional
    public OrderView createAndRelease(NewOrder in) {
        OrderView planned = create(in);
        return act(planned.id(), WorkOrderAction.RELEASE, null);
    }

    @Transactional
    public OrderView create(NewOrder in) {
        if (in == null) {
            throw Refusal.invalid("an order is required: {\"partId\", \"lineId\", \"plannedQuantity\", \"dueAt\"}");
        }
        if (in.partId() == null || parts.find(in.partId()).isEmpty()) {
            throw Refusal.invalid("partId: no part '" + in.partId() + "'");
        }
        if (in.lineId() == null || equipment.line(in.lineId()).isEmpty()) {
            throw Refusal.invalid("lineId: no line '" + in.lineId() + "'");
        }
        if (in.plannedQuantity() == null || in.plannedQuantity() <= 0 || in.plannedQuantity() > 10_000_000) {
            throw Refusal.invalid("plannedQuantity must be between 1 and 10000000");
        }
        if (in.note() != null && in.note().length() > 500) {
            throw Refusal.invalid("note is longer than 500 characters");
        }
        if (in.dueAt() != null && in.dueAt().isBefore(clock.instant().minus(java.time.Duration.ofDays(1)))) {
            throw Refusal.invalid("dueAt " + in.dueAt() + " lies in the past: a new order is due from yesterday on");
        }
        String id = in.id() == null || in.id().isBlank() ? nextId() : in.id().trim();
        if (!id.matches("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")) {
            throw Refusal.invalid("id must be 1-64 letters, digits or _ . -, starting with a letter or digit");
        }
        if (WorkOrder.findByIdOptional(id).isPresent()) {
            throw Refusal.conflict("work order '" + id + "' exists already");
        }
        WorkOrder o = new WorkOrder();
        o.id = id;
        o.partId = in.partId();
        o.lineId = in.lineId();
        o.plannedQuantity = in.plannedQuantity();
        o.dueAt = in.dueAt();
        o.note = in.note() == null || in.note().isBlank() ? null : in.note().trim();
        o.createdBy = audit.currentActor();
        o.persist();
        audit.record("CREATE", "work_order", id, null, Snapshot.of(o));
        return view(o);
    }

    /** Applies an action; refused with a clear message where the state, the line or the routing does not allow it. */
    @Transactional
    public OrderView act(String id, WorkOrderAction action, String reason) {
        WorkOrder o = WorkOrder.<WorkOrder>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> Refusal.notFound("no work order '" + id + "'"));
        Snapshot before = Snapshot.of(o);
        WorkOrderState from = o.state;
        try {
            o.state = action.apply(from, reason);
        } catch (IllegalTransition e) {
            throw Refusal.conflict(e.getMessage());
        }
        if (reason != null && reason.length() > 500) {
            throw Refusal.invalid("reason is longer than 500 characters");
        }
        Instant now = clock.instant();
        String actor = audit.currentActor();
        if (action == WorkOrderAction.START) {
            // IATF 16949 7.2: who starts the order is qualified for the part, each of its operations and each of their
            // machines, where the plant asks it
            List<String> scopes = new ArrayList<>(List.of("PART:" + o.partId));
            parts.get(o.partId).routing().forEach(op -> {
                scopes.add("OPERATION:" + o.partId + ":" + op.operationNo());
                scopes.add("MACHINE:" + op.machineId());
            });
            qualifications.requireQualified(scopes);
        }
        if (action == WorkOrderAction.RELEASE) {
            if (parts.countingMachines(o.partId, o.lineId).isEmpty()) {
                throw Refusal.conflict("part " + o.partId + " has no routing on line " + o.lineId
                        + ": give it one before releasing, so the line's counters can count the order");
            }
            o.releasedAt = now;
        }
        if (action.closesRun(from)) {
            endRun(o, now, actor);
        }
        if (action.opensRun()) {
            startRun(o, now, actor);
            if (o.startedAt == null) {
                o.startedAt = now;
            }
            if (currentLot(o.id).isEmpty()) {
                openLot(o, now, actor);
            }
        }
        if (o.state == WorkOrderState.COMPLETED || o.state == WorkOrderState.ABORTED) {
            o.finishedAt = now;
            currentLot(o.id).ifPresent(l -> closeLot(o, l, now));
        }
        o.flush();
        audit.record(action.name(), "work_order", id, before, withReason(Snapshot.of(o), reason));
        return view(o);
    }

    /** Records scrap found at the line (moves good parts to scrap) or a correction of the counts. */
    @Transactional
    public Correction correct(String id, String kind, Integer goodDelta, Integer scrapDelta, String reason) {
        WorkOrder o = WorkOrder.<WorkOrder>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> Refusal.notFound("no work order '" + id + "'"));
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw Refusal.invalid("a reason is required, at most 500 characters");
        }
        int good;
        int scrap;
        if ("SCRAP".equals(kind)) {
            if (scrapDelta == null || scrapDelta <= 0 || scrapDelta > 1_000_000) {
                throw Refusal.invalid("quantity of scrap must be between 1 and 1000000");
            }
            good = -scrapDelta;
            scrap = scrapDelta;
        } else if ("CORRECTION".equals(kind)) {
            good = goodDelta == null ? 0 : goodDelta;
            scrap = scrapDelta == null ? 0 : scrapDelta;
            if (good == 0 && scrap == 0 || Math.abs((long) good) > 1_000_000 || Math.abs((long) scrap) > 1_000_000) {
                throw Refusal.invalid("a correction changes good or scrap by between 1 and 1000000 (up or down)");
            }
        } else {
            throw Refusal.invalid("kind must be SCRAP or CORRECTION");
        }
        if (!(o.state.isActive() || o.state == WorkOrderState.COMPLETED)) {
            throw Refusal.conflict("quantities of a " + o.state + " order cannot be changed"
                    + " (running, held or completed orders can)");
        }
        String refusal = quantities(o, null, null, null).refusal(good, scrap);
        if (refusal != null) {
            throw Refusal.conflict("quantities of order " + id + " refused: " + refusal);
        }
        String lotId = currentLot(o.id).map(l -> l.id).orElse(null);
        String actor = audit.currentActor();
        Instant now = clock.instant();
        long newId = records.addCorrection(id, good, scrap, reason.trim(), actor, now, kind, lotId);
        Correction c = new Correction(newId, kind, good, scrap, reason.trim(), lotId, actor, now);
        audit.record(kind, "work_order", id, null, c);
        return c;
    }

    /** Why the order's quantities (counted and corrected) cannot be true, with the numbers, or null. */
    public String quantitiesImplausibility(String id) {
        return quantities(find(id), null, null, null).implausibility();
    }

    public OrderView get(String id) {
        return view(find(id));
    }

    /** An order with its run periods and corrections, each read once. */
    public record Detail(OrderView order, List<Run> runs, List<Correction> corrections) {
    }

    public Detail detail(String id) {
        WorkOrder o = find(id);
        List<Run> runs = runs(id);
        List<Correction> corrections = corrections(id);
        return new Detail(view(o, runs, corrections), runs, corrections);
    }

    private static WorkOrder find(String id) {
        return WorkOrder.<WorkOrder>findByIdOptional(id).orElseThrow(() -> Refusal.notFound("no work order '" + id + "'"));
    }

    /** Orders, optionally of a line and in some states; running and held first, then by due date. */
    public List<OrderView> list(String lineId, Set<WorkOrderState> states, int limit) {
        StringBuilder q = new StringBuilder("1 = 1");
        List<Object> args = new ArrayList<>();
        if (lineId != null) {
            args.add(lineId);
            q.append(" and lineId = ?").append(args.size());
        }
        if (states != null && !states.isEmpty()) {
            args.add(states);
            q.append(" and state in ?").append(args.size());
        }
        q.append(" order by dueAt nulls last, createdAt");
        List<WorkOrder> orders = WorkOrder.<WorkOrder>find(q.toString(), args.toArray()).page(0, limit).list();
        return orders.stream().map(this::view).sorted(Comparator.comparingInt(v -> rank(v.state()))).toList();
    }

    /** The line's queue at the terminal: the running or held order, then released ones by due date. */
    public List<OrderView> queue(String lineId) {
        return list(lineId, EnumSet.of(WorkOrderState.RUNNING, WorkOrderState.HELD, WorkOrderState.RELEASED), 50);
    }

    public List<Run> runs(String orderId) {
        return records.runs(orderId);
    }

    public List<Correction> corrections(String orderId) {
        return records.corrections(orderId);
    }

    /** The orders that ran at some time in [from, to), oldest first. */
    public List<String> ranIn(Instant from, Instant to) {
        return records.ranIn(from, to);
    }

    /** The order running on each line now (line id to order id), for the simulator and the overview. */
    public java.util.Map<String, String> runningByLine() {
        return records.runningByLine();
    }

    /** Closes the order's open lot and opens the next one (a full container, a new material batch). */
    @Transactional
    public Lot nextLot(String orderId) {
        WorkOrder o = WorkOrder.<WorkOrder>findByIdOptional(orderId, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> Refusal.notFound("no work order '" + orderId + "'"));
        if (!o.state.isActive()) {
            throw Refusal.conflict("lots are opened for running or held orders; " + orderId + " is " + o.state);
        }
        Instant now = clock.instant();
        currentLot(orderId).ifPresent(l -> closeLot(o, l, now));
        return openLot(o, now, audit.currentActor());
    }

    Optional<Lot> currentLot(String orderId) {
        return Lot.find("workOrderId = ?1 and kind = ?2 and closedAt is null", orderId, Lot.PRODUCED).firstResultOptional();
    }

    /** Counted quantities of the order in [from, to) (null: unbounded), plus corrections (of one lot, when given). */
    public Quantities quantities(WorkOrder o, Instant from, Instant to, String lotId) {
        return quantities(o, from, to, lotId, runs(o.id), corrections(o.id));
    }

    private Quantities quantities(WorkOrder o, Instant from, Instant to, String lotId, List<Run> runs, List<Correction> corrections) {
        Instant now = clock.instant();
        List<Interval> windows = new ArrayList<>();
        for (Run r : runs) {
            Instant s = from == null || r.startedAt().isAfter(from) ? r.startedAt() : from;
            Instant runEnd = r.endedAt() == null ? now : r.endedAt();
            Instant e = to == null || runEnd.isBefore(to) ? runEnd : to;
            if (s.isBefore(e)) {
                windows.add(new Interval(s, e));
            }
        }
        Counts.Counted counted = counts.in(parts.countingMachines(o.partId, o.lineId), windows);
        long correctedGood = 0;
        long correctedScrap = 0;
        for (Correction c : corrections) {
            if (lotId == null || lotId.equals(c.lotId())) {
                correctedGood += c.goodDelta();
                correctedScrap += c.scrapDelta();
            }
        }
        return new Quantities(o.plannedQuantity, counted.good(), counted.scrap(), correctedGood, correctedScrap);
    }

    OrderView view(WorkOrder o) {
        boolean counting = o.state != WorkOrderState.PLANNED && o.state != WorkOrderState.RELEASED;
        return counting ? view(o, runs(o.id), corrections(o.id)) : view(o, List.of(), List.of());
    }

    private OrderView view(WorkOrder o, List<Run> runs, List<Correction> corrections) {
        Quantities q = o.state == WorkOrderState.PLANNED || o.state == WorkOrderState.RELEASED
                ? new Quantities(o.plannedQuantity, 0, 0, 0, 0)
                : quantities(o, null, null, null, runs, corrections);
        return new OrderView(o.id, o.partId, o.lineId, o.plannedQuantity, o.state, o.dueAt, o.note, o.releasedAt, o.startedAt,
                o.finishedAt, o.createdBy, q.good(), q.scrap(), q, WorkOrderAction.from(o.state), currentLot(o.id).map(l -> l.id).orElse(null));
    }

    private void startRun(WorkOrder o, Instant now, String actor) {
        Optional<String> running = Optional.ofNullable(runningByLine().get(o.lineId));
        if (running.isPresent() && !running.get().equals(o.id)) {
            throw Refusal.conflict("line " + o.lineId + " is running order " + running.get()
                    + ": hold or complete it first (a line runs one order at a time)");
        }
        if (!records.startRun(o.id, o.lineId, now, actor)) {
            throw Refusal.conflict("line " + o.lineId + " started another order at the same moment; reload and try again");
        }
    }

    private void endRun(WorkOrder o, Instant now, String actor) {
        records.endRun(o.id, now, actor);
    }

    private Lot openLot(WorkOrder o, Instant now, String actor) {
        long n = Lot.count("workOrderId", o.id) + 1;
        Lot lot = new Lot();
        lot.id = "%s-%02d".formatted(o.id, n);
        lot.kind = Lot.PRODUCED;
        lot.material = o.partId;
        lot.workOrderId = o.id;
        lot.lineId = o.lineId;
        lot.openedAt = now;
        lot.createdBy = actor;
        lot.persist();
        lot.flush();
        audit.record("CREATE", "lot", lot.id, null, LotService.Snapshot.of(lot));
        return lot;
    }

    private void closeLot(WorkOrder o, Lot lot, Instant now) {
        LotService.Snapshot before = LotService.Snapshot.of(lot);
        lot.closedAt = now.isBefore(lot.openedAt) ? lot.openedAt : now;
        lot.quantity = (int) Math.min(Integer.MAX_VALUE, quantities(o, lot.openedAt, lot.closedAt, lot.id).good());
        lot.flush();
        audit.record("CLOSE", "lot", lot.id, before, LotService.Snapshot.of(lot));
    }

    private String nextId() {
        return "WO-%d-%05d".formatted(clock.instant().atZone(ZoneOffset.UTC).getYear(), records.nextNumber());
    }

    private static Object withReason(Snapshot s, String reason) {
        if (reason == null || reason.isBlank()) {
            return s;
        }
        return new java.util.LinkedHashMap<>(java.util.Map.of("order", s, "reason", reason.trim()));
    }

    private static int rank(WorkOrderState s) {
        return switch (s) {
            case RUNNING -> 0;
            case HELD -> 1;
            case RELEASED -> 2;
            case PLANNED -> 3;
            default -> 4;
        };
    }
}
