package mes.production.persistence;

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
import java.util.List;
import java.util.Optional;
import mes.production.LotService.Consumption;
import mes.production.LotService.Serial;

/** What is recorded about lots beside the lot itself: consumptions, serial numbers, the hold history; in the caller's transaction. */
@ApplicationScoped
public class LotRecords {

    @Inject
    AgroalDataSource db;

    public long addConsumption(String lotId, String consumedLotId, Integer quantity, String by, Instant at) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO lot_consumption (lot_id, consumed_lot_id, quantity, recorded_by, recorded_at)
                VALUES (?, ?, ?, ?, ?) RETURNING id""")) {
            ps.setString(1, lotId);
            ps.setString(2, consumedLotId);
            ps.setObject(3, quantity);
            ps.setString(4, by);
            ps.setTimestamp(5, Timestamp.from(at));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the lot consumed ({@code intoLot}), or what consumed it, in the order recorded. */
    public List<Consumption> consumptions(String lotId, boolean intoLot) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, lot_id, consumed_lot_id, quantity, recorded_by, recorded_at FROM lot_consumption WHERE "
                        + (intoLot ? "lot_id" : "consumed_lot_id") + " = ? ORDER BY id")) {
            ps.setString(1, lotId);
            List<Consumption> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Consumption(rs.getLong(1), rs.getString(2), rs.getString(3), (Integer) rs.getObject(4), rs.getString(5),
                            rs.getTimestamp(6).toInstant()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Registers a serial in the lot; false when the serial is registered already (anywhere). */
    public boolean addSerial(String serial, String lotId, String by, Instant at) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO serial_unit (serial, lot_id, recorded_by, recorded_at) VALUES (?, ?, ?, ?) ON CONFLICT (serial) DO NOTHING")) {
            ps.setString(1, serial);
            ps.setString(2, lotId);
            ps.setString(3, by);
            ps.setTimestamp(4, Timestamp.from(at));
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<Serial> serials(String lotId) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT serial, lot_id, recorded_by, recorded_at FROM serial_unit WHERE lot_id = ? ORDER BY serial")) {
            ps.setString(1, lotId);
            List<Serial> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Serial(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<String> lotOfSerial(String serial) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT lot_id FROM serial_unit WHERE serial = ?")) {
            ps.setString(1, serial);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One step of the lot's hold history (HOLD or RELEASE) with its reason. */
    public void addHoldHistory(String lotId, String action, String reason, String by, Instant at) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO lot_hold (lot_id, action, reason, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, lotId);
            ps.setString(2, action);
            ps.setString(3, reason);
            ps.setString(4, by);
            ps.setTimestamp(5, Timestamp.from(at));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
