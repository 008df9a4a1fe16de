package mes.ingest;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import mes.equipment.EquipmentService.EquipmentChanged;

/**
 * The machines ingestion knows, with the ids of their sensors, cached in memory so that the
 * hot path does not ask the database for every message. A sensor first seen in a message is
 * registered as undefined (readings are never thrown away for a missing definition).
 */
@ApplicationScoped
public class MachineDirectory {

    /** A known machine and the ids of its sensors by name. */
    public record KnownMachine(String id, int heartbeatTimeoutSeconds, Map<String, Integer> sensors) {
    }

    private final Map<String, KnownMachine> machines = new ConcurrentHashMap<>();

    @Inject
    AgroalDataSource dataSource;

    public Optional<KnownMachine> machine(String machineId) {
        KnownMachine known = machines.get(machineId);
        if (known == null) {
            known = load(machineId);
            if (known != null) {
                machines.put(machineId, known);
            }
        }
        return Optional.ofNullable(known);
    }

    /**
     * The id of a machine's sensor: from memory on the hot path; registered (as undefined, in a
     * transaction of its own, so it survives a failed batch) only on first sight.
     */
    public int sensorId(KnownMachine machine, String sensor) {
        Integer id = machine.sensors().get(sensor);
        if (id != null) {
            return id;
        }
        return QuarkusTransaction.requiringNew().call(() -> register(machine, sensor));
    }

    private int register(KnownMachine machine, String sensor) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO machine_sensor (machine_id, name, defined) VALUES (?, ?, false)"
                                + " ON CONFLICT (machine_id, name) DO NOTHING");
                PreparedStatement select = c.prepareStatement(
                        "SELECT id FROM machine_sensor WHERE machine_id = ? AND name = ?")) {
            insert.setString(1, machine.id());
            insert.setString(2, sensor);
            insert.executeUpdate();
            select.setString(1, machine.id());
            select.setString(2, sensor);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                int newId = rs.getInt(1);
                machine.sensors().put(sensor, newId);
                return newId;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not register sensor " + sensor + " of " + machine.id(), e);
        }
    }

    void onChange(@Observes(during = TransactionPhase.AFTER_COMPLETION) EquipmentChanged change) {
        machines.remove(change.machineId());
    }

    private KnownMachine load(String machineId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT m.id, s.name, s.id, m.heartbeat_timeout_seconds FROM machine m LEFT JOIN machine_sensor s ON s.machine_id = m.id"
                                + " WHERE m.id = ?")) {
            ps.setString(1, machineId);
            try (ResultSet rs = ps.executeQuery()) {
                KnownMachine known = null;
                while (rs.next()) {
                    if (known == null) {
                        known = new KnownMachine(rs.getString(1), rs.getInt(4), new ConcurrentHashMap<>());
                    }
                    if (rs.getString(2) != null) {
                        known.sensors().put(rs.getString(2), rs.getInt(3));
                    }
                }
                return known;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not look up machine " + machineId, e);
        }
    }
}
