package mes.anomaly.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mes.anomaly.domain.Baseline;
import mes.anomaly.domain.DetectionSettings;
import mes.anomaly.domain.MachineRules;
import mes.anomaly.domain.SensorMeta;

/** The settings and baselines of the detectors, and the stored readings that rebuild them. */
@ApplicationScoped
public class DetectionStore {

    /** A stored reading and whether the machine was running then. */
    public record Reading(Instant ts, double value, boolean running) {
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper json;

    public Optional<SensorMeta> sensor(String machineId, String name) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return sensor(c, machineId, name);
        }
    }

    public Optional<SensorMeta> sensor(Connection c, String machineId, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT s.id, s.unit, s.lsl, s.usl, d.settings, b.centre, b.sigma, b.samples
                FROM machine_sensor s
                LEFT JOIN detection_setting d ON d.machine_id = s.machine_id AND d.sensor = s.name
                LEFT JOIN sensor_baseline b ON b.sensor_id = s.id
                WHERE s.machine_id = ? AND s.name = ?
                """)) {
            ps.setString(1, machineId);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String settings = rs.getString(5);
                Baseline baseline = rs.getObject(6) == null ? null : new Baseline(rs.getDouble(6), rs.getDouble(7), rs.getInt(8));
                return Optional.of(new SensorMeta(rs.getInt(1), machineId, name, rs.getString(2), (Double) rs.getObject(3),
                        (Double) rs.getObject(4), settings == null ? null : read(settings, DetectionSettings.class), baseline));
            }
        }
    }

    /** The sensors of a machine, by name. */
    public List<SensorMeta> sensors(String machineId) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT name FROM machine_sensor WHERE machine_id = ? ORDER BY name")) {
                ps.setString(1, machineId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
            }
            List<SensorMeta> out = new ArrayList<>();
            for (String n : names) {
                sensor(c, machineId, n).ifPresent(out::add);
            }
            return out;
        }
    }

    public void saveSettings(String machineId, String sensor, Object settings, String user) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO detection_setting (machine_id, sensor, settings, updated_by) VALUES (?, ?, ?::jsonb, ?)
                ON CONFLICT (machine_id, sensor) DO UPDATE SET settings = excluded.settings, updated_by = excluded.updated_by,
                    updated_at = now()
                """)) {
            ps.setString(1, machineId);
            ps.setString(2, sensor);
            ps.setString(3, write(settings));
            ps.setString(4, user);
            ps.executeUpdate();
        }
    }

    public boolean machineExists(String machineId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT 1 FROM machine WHERE id = ?")) {
            ps.setString(1, machineId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Every machine's own rules (defaults where none were set). */
    public Map<String, MachineRules> machineRules() throws SQLException {
        Map<String, MachineRules> out = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT machine_id, settings FROM detection_setting WHERE sensor = ''"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), read(rs.getString(2), MachineRules.class));
            }
        }
        return out;
    }

    public MachineRules machineRules(String machineId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT settings FROM detection_setting WHERE machine_id = ? AND sensor = ''")) {
            ps.setString(1, machineId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? read(rs.getString(1), MachineRules.class) : new MachineRules(null);
            }
        }
    }

    public static void saveBaseline(Connection c, int sensorId, Baseline b, Instant from, Instant to, String by) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO sensor_baseline (sensor_id, centre, sigma, samples, from_ts, to_ts, computed_by) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (sensor_id) DO UPDATE SET centre = excluded.centre, sigma = excluded.sigma, samples = excluded.samples,
                    from_ts = excluded.from_ts, to_ts = excluded.to_ts, computed_by = excluded.computed_by, computed_at = now()
                """)) {
            ps.setInt(1, sensorId);
            ps.setDouble(2, b.centre());
            ps.setDouble(3, b.sigma());
            ps.setInt(4, b.samples());
            ps.setTimestamp(5, from == null ? null : Timestamp.from(from));
            ps.setTimestamp(6, to == null ? null : Timestamp.from(to));
            ps.setString(7, by);
            ps.executeUpdate();
        }
    }

    public void saveBaseline(int sensorId, Baseline b, Instant from, Instant to, String by) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            saveBaseline(c, sensorId, b, from, to, by);
        }
    }

    /** The newest stored readings before ts, oldest first, each with whether the machine was RUNNING (or silent about it). */
    public static List<Reading> recent(Connection c, String machineId, int sensorId, Instant before, int limit) throws SQLException {
        List<Reading> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT r.ts, r.value, coalesce((SELECT e.state FROM machine_state_event e WHERE e.machine_id = ? AND e.ts <= r.ts
                                                ORDER BY e.ts DESC LIMIT 1), 'RUNNING')
                FROM sensor_reading r WHERE r.sensor_id = ? AND r.ts < ? ORDER BY r.ts DESC LIMIT ?
                """)) {
            ps.setString(1, machineId);
            ps.setInt(2, sensorId);
            ps.setTimestamp(3, Timestamp.from(before));
            ps.setInt(4, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Reading(rs.getTimestamp(1).toInstant(), rs.getDouble(2), "RUNNING".equals(rs.getString(3))));
                }
            }
        }
        Collections.reverse(out);
        return out;
    }

    /** The values of running time in a window, in ts order (to estimate a baseline on request). */
    public double[] runningValues(String machineId, int sensorId, Instant from, Instant to) throws SQLException {
        List<Double> values = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT r.value FROM sensor_reading r
                WHERE r.sensor_id = ? AND r.ts >= ? AND r.ts < ?
                  AND coalesce((SELECT e.state FROM machine_state_event e WHERE e.machine_id = ? AND e.ts <= r.ts
                                ORDER BY e.ts DESC LIMIT 1), 'RUNNING') = 'RUNNING'
                ORDER BY r.ts LIMIT 100000
                """)) {
            ps.setInt(1, sensorId);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(to));
            ps.setString(4, machineId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getDouble(1));
                }
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored detection settings are not readable: " + text, e);
        }
    }

    private String write(Object settings) {
        try {
            return json.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
