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
import mes.quality.SpcService.Baseline;
import mes.quality.domain.ControlChart;

/** The frozen SPC baselines (V14, append-only), in the caller's transaction. */
@ApplicationScoped
public class SpcBaselines {

    @Inject
    AgroalDataSource db;

    public long add(long characteristicId, ControlChart.Limits l, int subgroups, Instant from, Instant to, String reason, String by, Instant at) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO spc_baseline (characteristic_id, location_kind, centre, lcl, ucl, dispersion_kind, dispersion_centre, dispersion_lcl,
                    dispersion_ucl, subgroups, from_ts, to_ts, reason, frozen_by, frozen_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")) {
            ps.setLong(1, characteristicId);
            ps.setString(2, l.location().name());
            ps.setDouble(3, l.centre());
            ps.setDouble(4, l.lcl());
            ps.setDouble(5, l.ucl());
            ps.setString(6, l.dispersion().name());
            ps.setDouble(7, l.dispersionCentre());
            ps.setDouble(8, l.dispersionLcl());
            ps.setDouble(9, l.dispersionUcl());
            ps.setInt(10, subgroups);
            ps.setTimestamp(11, Timestamp.from(from));
            ps.setTimestamp(12, Timestamp.from(to));
            ps.setString(13, reason);
            ps.setString(14, by);
            ps.setTimestamp(15, Timestamp.from(at));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The characteristic's baselines numbered below {@code before}, newest first, at most limit. */
    public List<Baseline> before(long characteristicId, long before, int limit) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT id, location_kind, centre, lcl, ucl, dispersion_kind, dispersion_centre, dispersion_lcl, dispersion_ucl, subgroups,
                       from_ts, to_ts, reason, frozen_by, frozen_at
                FROM spc_baseline WHERE characteristic_id = ? AND id < ? ORDER BY id DESC LIMIT ?""")) {
            ps.setLong(1, characteristicId);
            ps.setLong(2, before);
            ps.setInt(3, limit);
            List<Baseline> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ControlChart.Limits l = new ControlChart.Limits(ControlChart.Kind.valueOf(rs.getString(2)), rs.getDouble(3), rs.getDouble(4),
                            rs.getDouble(5), ControlChart.Kind.valueOf(rs.getString(6)), rs.getDouble(7), rs.getDouble(8), rs.getDouble(9));
                    out.add(new Baseline(rs.getLong(1), characteristicId, l, rs.getInt(10), rs.getTimestamp(11).toInstant(),
                            rs.getTimestamp(12).toInstant(), rs.getString(13), rs.getString(14), rs.getTimestamp(15).toInstant()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
