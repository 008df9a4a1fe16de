package mes.production;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import mes.audit.AuditTrail;
import mes.kernel.Refusal;
import mes.platform.Jdbc;
import mes.production.domain.MaterialRule;

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
    AgroalDataSource db;

    @Inject
    AuditTrail audit;

    public List<PartView> list() {
        Map<String, PartView> parts = new LinkedHashMap<>();
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id, description FROM part ORDER BY id")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    parts.put(rs.getString(1), new PartView(rs.getString(1), rs.getString(2), new ArrayList<>()));
                }
            }
            try (PreparedStatement r = c.prepareStatement(ROUTING + " ORDER BY part_id, operation_no, machine_id");
                    ResultSet rs = r.executeQuery()) {
                while (rs.next()) {
                    parts.get(rs.getString(1)).routing().add(operation(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return List.copyOf(parts.values());
    }

    public Optional<PartView> find(String id) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT id, description FROM part WHERE id = ?")) {
            ps.setString(1, id);
            PartView part;
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                part = new PartView(rs.getString(1), rs.getString(2), new ArrayList<>());
            }
            try (PreparedStatement r = c.prepareStatement(ROUTING + " WHERE part_id = ? ORDER BY operation_no, machine_id")) {
                r.setString(1, id);
                try (ResultSet rs = r.executeQuery()) {
                    while (rs.next()) {
                        part.routing().add(operation(rs));
                    }
                }
            }
            return Optional.of(part);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
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
        Optional<PartView> before = find(id);
        try (Connection c = db.getConnection()) {
            for (Operation o : ops) {
                try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM machine WHERE id = ?")) {
                    ps.setString(1, o.machineId());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw Refusal.invalid("operation " + o.operationNo() + ": no machine '" + o.machineId() + "'");
                        }
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO part (id, description) VALUES (?, ?)
                    ON CONFLICT (id) DO UPDATE SET description = excluded.description, updated_at = now()""")) {
                ps.setString(1, id);
                ps.setString(2, description.trim());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM routing_operation WHERE part_id = ?")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO routing_operation (part_id, operation_no, machine_id, ideal_cycle_time_seconds, description)
                    VALUES (?, ?, ?, ?, ?)""")) {
                for (Operation o : ops) {
                    ps.setString(1, id);
                    ps.setInt(2, o.operationNo());
                    ps.setString(3, o.machineId());
                    ps.setDouble(4, o.idealCycleTimeSeconds());
                    ps.setString(5, o.description());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        PartView after = get(id);
        audit.record(before.isPresent() ? "UPDATE" : "CREATE", "part", id, before.orElse(null), after);
        return after;
    }

    /** The machines of the part's last operation on the line: they count finished parts. */
    /** The part's bill of material, by material; empty when none is kept. */
    public List<MaterialRule.Line> billOfMaterial(String partId) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT material, unit, per_part FROM bill_of_material WHERE part_id = ? ORDER BY material")) {
            ps.setString(1, partId);
            List<MaterialRule.Line> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new MaterialRule.Line(rs.getString(1), rs.getString(2), (Double) rs.getObject(3)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
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
        try (Connection c = db.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM bill_of_material WHERE part_id = ?")) {
                ps.setString(1, partId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO bill_of_material (part_id, material, unit, per_part) VALUES (?, ?, ?, ?)")) {
                for (MaterialRule.Line l : lines) {
                    ps.setString(1, partId);
                    ps.setString(2, l.material().trim());
                    ps.setString(3, l.unit());
                    ps.setObject(4, l.perPart());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        List<MaterialRule.Line> after = billOfMaterial(partId);
        audit.record("UPDATE", "bill_of_material", partId, before, after);
        return after;
    }

    public List<String> countingMachines(String partId, String lineId) {
        return Jdbc.strings(db, """
                SELECT r.machine_id FROM routing_operation r JOIN machine m ON m.id = r.machine_id
                WHERE r.part_id = ? AND m.line_id = ? AND r.operation_no = (
                    SELECT max(r2.operation_no) FROM routing_operation r2 JOIN machine m2 ON m2.id = r2.machine_id
                    WHERE r2.part_id = r.part_id AND m2.line_id = m.line_id)
                ORDER BY r.machine_id""", partId, lineId);
    }

    /** Every machine of the part's routing on the line (traceability: where it was made). */
    public List<String> routingMachines(String partId, String lineId) {
        return Jdbc.strings(db, """
                SELECT DISTINCT r.machine_id FROM routing_operation r JOIN machine m ON m.id = r.machine_id
                WHERE r.part_id = ? AND m.line_id = ? ORDER BY r.machine_id""", partId, lineId);
    }

    private static final String ROUTING = "SELECT part_id, operation_no, machine_id, ideal_cycle_time_seconds, description FROM routing_operation";

    private static Operation operation(ResultSet rs) throws SQLException {
        return new Operation(rs.getInt(2), rs.getString(3), rs.getDouble(4), rs.getString(5));
    }
}
