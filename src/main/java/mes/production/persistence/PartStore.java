package mes.production.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mes.production.PartService.Operation;
import mes.production.PartService.PartView;
import mes.production.domain.MaterialRule;

/** Parts, their routings (in operation and machine order) and bills of material, in the caller's transaction. */
@ApplicationScoped
public class PartStore {

    private static final String ROUTING = "SELECT part_id, operation_no, machine_id, ideal_cycle_time_seconds, description FROM routing_operation";

    @Inject
    AgroalDataSource db;

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
            part.routing().addAll(routing(id));
            return Optional.of(part);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The part's routing alone, in operation and machine order (empty for an unknown part). */
    public List<Operation> routing(String partId) {
        try (Connection c = db.getConnection(); PreparedStatement r = c.prepareStatement(ROUTING + " WHERE part_id = ? ORDER BY operation_no, machine_id")) {
            r.setString(1, partId);
            List<Operation> out = new ArrayList<>();
            try (ResultSet rs = r.executeQuery()) {
                while (rs.next()) {
                    out.add(operation(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates or replaces the part and its whole routing. */
    public void put(String id, String description, List<Operation> routing) {
        try (Connection c = db.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO part (id, description) VALUES (?, ?)
                    ON CONFLICT (id) DO UPDATE SET description = excluded.description, updated_at = now()""")) {
                ps.setString(1, id);
                ps.setString(2, description);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM routing_operation WHERE part_id = ?")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO routing_operation (part_id, operation_no, machine_id, ideal_cycle_time_seconds, description)
                    VALUES (?, ?, ?, ?, ?)""")) {
                for (Operation o : routing) {
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
    }

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

    /** Replaces the part's bill of material (an empty list removes it). */
    public void putBillOfMaterial(String partId, List<MaterialRule.Line> lines) {
        try (Connection c = db.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM bill_of_material WHERE part_id = ?")) {
                ps.setString(1, partId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO bill_of_material (part_id, material, unit, per_part) VALUES (?, ?, ?, ?)")) {
                for (MaterialRule.Line l : lines) {
                    ps.setString(1, partId);
                    ps.setString(2, l.material());
                    ps.setString(3, l.unit());
                    ps.setObject(4, l.perPart());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Operation operation(ResultSet rs) throws SQLException {
        return new Operation(rs.getInt(2), rs.getString(3), rs.getDouble(4), rs.getString(5));
    }
}
