package mes.production;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mes.equipment.EquipmentService;
import mes.kernel.Refusal;
import mes.production.LotService.Serial;
import mes.production.LotService.Snapshot;
import mes.production.WorkOrderService.Run;
import mes.production.persistence.Lot;
import mes.production.persistence.TraceQueries;
import mes.production.persistence.WorkOrder;

/**
 * Traceability both ways. Backward: what made lot X (its order, the machines of its routing with
 * the periods they worked on it, the operators, its inspections, and every lot consumed into it,
 * level by level). Forward: where lot Y went (every lot that consumed it, level by level). And the
 * IATF 16949 question: which lots did a machine touch in a time range, with everything made from
 * them since.
 */
@ApplicationScoped
public class TraceService {

    private static final int MAX_DEPTH = 20;

    /** A lot linked to the traced one, depth levels away, through viaLotId. */
    public record Link(int depth, String lotId, String viaLotId, String kind, String material, String supplier, String workOrderId,
            boolean onHold) {
    }

    public record MachineWork(String machineId, Instant from, Instant to) {
    }

    public record InspectionRef(long id, String characteristic, String result, String inspectedBy, Instant inspectedAt) {
    }

    /** What made a lot. */
    public record Backward(Snapshot lot, String partId, String workOrderId, String lineId, List<MachineWork> machines,
            List<String> operators, List<InspectionRef> inspections, List<Link> components, List<Serial> serials) {
    }

    /** Where a lot went. */
    public record Forward(Snapshot lot, List<Link> usedIn) {
    }

    /** A lot affected by a machine's time range: directly made there, or made from such a lot later. */
    public record Affected(String lotId, String kind, String material, String workOrderId, String lineId, Instant openedAt,
            Instant closedAt, boolean onHold, boolean direct, String viaLotId) {
    }

    @Inject
    TraceQueries store;

    @Inject
    EquipmentService equipment;

    @Inject
    LotService lots;

    @Inject
    WorkOrderService orders;

    @Inject
    PartService parts;

    @Inject
    Clock clock;

    public Backward backward(String lotId) {
        Snapshot lot = lots.get(lotId);
        List<MachineWork> machines = new ArrayList<>();
        List<String> operators = new ArrayList<>();
        String partId = null;
        if (Lot.PRODUCED.equals(lot.kind())) {
            WorkOrder o = WorkOrder.findById(lot.workOrderId());
            partId = o.partId;
            Instant lotEnd = lot.closedAt() == null ? clock.instant() : lot.closedAt();
            List<Run> runs = orders.runs(o.id);
            for (String m : parts.routingMachines(o.partId, o.lineId)) {
                for (Run r : runs) {
                    Instant from = r.startedAt().isAfter(lot.openedAt()) ? r.startedAt() : lot.openedAt();
                    Instant runEnd = r.endedAt() == null ? clock.instant() : r.endedAt();
                    Instant to = runEnd.isBefore(lotEnd) ? runEnd : lotEnd;
                    if (from.isBefore(to)) {
                        machines.add(new MachineWork(m, from, to));
                    }
                }
            }
            operators = store.peopleWhoActedOn(o.id, lot.id());
        }
        return new Backward(lot, partId, lot.workOrderId(), lot.lineId(), machines, operators, inspections(lot.id()),
                links(lot.id(), true), lots.serials(lot.id()));
    }

    public Forward forward(String lotId) {
        Snapshot lot = lots.get(lotId);
        return new Forward(lot, links(lot.id(), false));
    }

    /** The lots a machine worked on in [from, to), then everything made from them. */
    public List<Affected> affected(String machineId, Instant from, Instant to) {
        if (from == null || to == null || !from.isBefore(to)) {
            throw Refusal.invalid("from and to are required, from before to");
        }
        if (equipment.machine(machineId).isEmpty()) {
            throw Refusal.notFound("no machine '" + machineId + "'");
        }
        Instant now = clock.instant();
        if (to.isAfter(now)) { // nothing was made in the future
            to = now;
        }
        if (!from.isBefore(to)) {
            return List.of();
        }
        Map<String, Affected> out = new LinkedHashMap<>();
        store.workedOn(machineId, from, to).forEach(a -> out.put(a.lotId(), a));
        for (String direct : List.copyOf(out.keySet())) {
            for (Link l : links(direct, false)) {
                if (!out.containsKey(l.lotId())) {
                    Snapshot lot = lots.get(l.lotId());
                    out.put(l.lotId(), new Affected(lot.id(), lot.kind(), lot.material(), lot.workOrderId(), lot.lineId(), lot.openedAt(),
                            lot.closedAt(), lot.onHold(), false, l.viaLotId()));
                }
            }
        }
        return List.copyOf(out.values());
    }

    private List<Link> links(String lotId, boolean up) {
        return store.links(lotId, up, MAX_DEPTH);
    }

    private List<InspectionRef> inspections(String lotId) {
        return store.inspections(lotId);
    }
}
