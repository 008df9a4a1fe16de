package mes.quality.persistence;

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
import mes.quality.CapaService.Check;

/** The effectiveness checks of CAPAs (each one kept), in the caller's transaction. */
@ApplicationScoped
public class CapaChecks {

    @Inject
    AgroalDataSource db;

    public void add(long capaId, boolean effective, String evidence, String by, Instant at) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO capa_check (capa_id, effective, evidence, checked_by, checked_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setLong(1, capaId);
            ps.setBoolean(2, effective);
            ps.setString(3, evidence);
            ps.setString(4, by);
            ps.setTimestamp(5, Timestamp.from(at));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The CAPA's checks, oldest first. */
    public List<Check> of(long capaId) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, capa_id, effective, evidence, checked_by, checked_at FROM capa_check WHERE capa_id = ? ORDER BY checked_at, id")) {
            ps.setLong(1, capaId);
            List<Check> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Check(rs.getLong(1), rs.getLong(2), rs.getBoolean(3), rs.getString(4), rs.getString(5),
                            rs.getTimestamp(6).toInstant()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
