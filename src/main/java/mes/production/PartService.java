package mes.production;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import mes.audit.AuditTrail;
import mes.equipment.EquipmentService;
import mes.kernel.Refusal;
import mes.production.domain.MaterialRule;
import mes.production.persistence.PartStore;

/**
 * Part numbers and their routings: the operations, on which machines, with the ideal cycle time
 * of this part there (OEE's PRI uses it). The machines of a routing's last operation on a line
 * count the order's finished parts.
 */
@ApplicationScoped
public class PartService {

    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$");

    /** One operation of a routing. */
    public record Operation(int operationNo, String machineId, double idealCycleTimeSeconds, String description) {
    }

    public record PartView(String id, String description, List<Operation> routing) {
    }

    @Inject
    PartStore store;

    @Inject
    EquipmentService equipment;

    @Inject
    AuditTrail audit;

    public List<PartView> list() {
        return store.list();
    }

    public Optional<PartView> find(String id) {
        return store.find(id);
    }

    public PartView get(String id) {
        return find(id).orElseThrow(() -> Refusal.notFound("no part '" + id + "'"));
    }

    /** Creates or replaces a part and its whole routing. */
    @Transactional
    public PartView put(String id, String description, List<Operation> routing) {
        if (id == null || !ID.matcher(id).matches()) {
            throw Refusal.invalid("part id must be 1-64 letters, digits or _ . -, starting with a letter or digit");
        }
        if (description == null || description.isBlank() || description.length() > 200) {
            throw Refusal.invalid("description is required, at most 200 characters");
        }
        List<Operation> ops = routing == null ? List.of() : routing;
        Set<String> seen = new HashSet<>();
        for (Operation o : ops) {
            if (o == null || o.operationNo() <= 0) {
                throw Refusal.invalid("every operation needs an operationNo above 0");
            }
            if (o.machineId() == null || o.machineId().isBlank()) {
                throw Refusal.invalid("operation " + o.operationNo() + " needs a machineId");
            }
            if (!(o.idealCycleTimeSeconds() > 0) || !Double.isFinite(o.idealCycleTimeSeconds())) {
                throw Refusal.invalid("operation " + o.operationNo() + " on " + o.machineId()
                        + " needs an idealCycleTimeSeconds above 0");
            }
            if (o.description() != null && o.description().length() > 200) {
                throw Refusal.invalid("operation descriptions are at most 200 characters");
            }
            if (!seen.add(o.operationNo() + "/" + o.machineId())) {
                throw Refusal.invalid("operation " + o.operationNo() + " lists machine " + o.machineId() + " twice");
            }
        }
        for (Operation o : ops) {
            if (equipment.machine(o.machineId()).isEmpty()) {
                throw Refusal.invalid("operation " + o.operationNo() + ": no machine '" + o.machineId() + "'");
            }
        }
        Optional<PartView> before = find(id);
        store.put(id, description.trim(), ops);
        PartView after = get(id);
        audit.record(before.isPresent() ? "UPDATE" : "CREATE", "part", id, before.orElse(null), after);
        return after;
    }

    /** The part's bill of material, by material; empty when none is kept. */
    public List<MaterialRule.Line> billOfMaterial(String partId) {
        return store.billOfMaterial(partId);
    }

    /** Replaces the part's bill of material (an empty list removes it); in the audit trail with before and after. */
    @Transactional
    public List<MaterialRule.Line> putBillOfMaterial(String partId, List<MaterialRule.Line> lines) {
        get(partId);
        if (lines == null || lines.size() > 200) {
            throw Refusal.invalid("materials is required: a list of at most 200 {material, unit, perPart}");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            MaterialRule.Line l = lines.get(i);
            String where = "materials[" + i + "]";
            if (l == null || l.material() == null || l.material().isBlank() || l.material().length() > 64) {
                throw Refusal.invalid(where + ".material is required, at most 64 characters");
            }
            if (l.unit() == null || !MaterialRule.UNITS.contains(l.unit())) {
                throw Refusal.invalid(where + ".unit must be one of " + MaterialRule.UNITS);
            }
            if (l.perPart() != null && !(l.perPart() > 0 && Double.isFinite(l.perPart()))) {
                throw Refusal.invalid(where + ".perPart must be a positive number");
            }
            if (!seen.add(l.material().trim())) {
                throw Refusal.invalid(where + ": " + l.material().trim() + " is listed twice");
            }
        }
        List<MaterialRule.Line> before = billOfMaterial(partId);
        store.putBillOfMaterial(partId, lines.stream().map(l -> new MaterialRule.Line(l.material().trim(), l.unit(), l.perPart())).toList());
        List<MaterialRule.Line> after = billOfMaterial(partId);
        audit.record("UPDATE", "bill_of_material", partId, before, after);
        return after;
    }

    /** The machines of the part's last operation on the line: they count finished parts. */
    public List<String> countingMachines(String partId, String lineId) {
        List<Operation> onLine = onLine(partId, lineId);
        int last = onLine.stream().mapToInt(Operation::operationNo).max().orElse(0);
        return onLine.stream().filter(o -> o.operationNo() == last).map(Operation::machineId).distinct().sorted().toList();
    }

    /** Every machine of the part's routing on the line (traceability: where it was made). */
    public List<String> routingMachines(String partId, String lineId) {
        return onLine(partId, lineId).stream().map(Operation::machineId).distinct().sorted().toList();
    }

    private List<Operation> onLine(String partId, String lineId) {
        Set<String> machinesOfLine = equipment.machineIdsOf(lineId);
        return store.routing(partId).stream().filter(o -> machinesOfLine.contains(o.machineId())).toList();
    }
}
