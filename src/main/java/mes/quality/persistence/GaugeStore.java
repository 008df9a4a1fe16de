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
import mes.quality.GaugeService.Calibration;
import mes.quality.GaugeService.Suspect;

/** Calibrations (append-only) and gauge R&R studies (V15) of the gauges, in the caller's transaction. */
@ApplicationScoped
public class GaugeStore {

    /** A stored study: its measurements [appraiser][part][trial] and the verdict recorded with it. */
    public record StudyRow(long id, String gaugeId, Long characteristicId, Double tolerance, List<String> appraisers, int parts, int trials,
            double[][][] measurements, String verdict, String note, String recordedBy, Instant recordedAt) {
    }

    @Inject
    AgroalDataSource db;

    public long addCalibration(String gaugeId, Instant calibratedAt, String result, String certificate, String note, String by, Instant at) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO calibration (gauge_id, calibrated_at, result, certificate, note, recorded_by, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""")) {
            ps.setString(1, gaugeId);
            ps.setTimestamp(2, Timestamp.from(calibratedAt));
            ps.setString(3, result);
            ps.setString(4, certificate);
            ps.setString(5, note);
            ps.setString(6, by);
            ps.setTimestamp(7, Timestamp.from(at));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The gauge's calibrations, oldest first. */
    public List<Calibration> calibrations(String gaugeId) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT id, gauge_id, calibrated_at, result, certificate, note, recorded_by, recorded_at
                FROM calibration WHERE gauge_id = ? ORDER BY calibrated_at, id""")) {
            ps.setString(1, gaugeId);
            List<Calibration> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Calibration(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The current (not superseded) inspections made with the gauge in [from, to), oldest first. */
    public List<Suspect> currentInspectionsWith(String gaugeId, Instant from, Instant to) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT id, lot_id, characteristic, result, inspected_at, inspected_by FROM inspection
                WHERE gauge_id = ? AND inspected_at >= ? AND inspected_at < ?
                  AND NOT EXISTS (SELECT 1 FROM inspection s WHERE s.supersedes_id = inspection.id)
                ORDER BY inspected_at, id""")) {
            ps.setString(1, gaugeId);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(to));
            List<Suspect> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Suspect(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant(),
                            rs.getString(6)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public long addStudy(String gaugeId, Long characteristicId, Double tolerance, List<String> appraisers, double[][][] measurements,
            String verdict, String note, String by, Instant at) {
        int parts = measurements[0].length;
        int trials = measurements[0][0].length;
        Double[] flat = new Double[appraisers.size() * parts * trials];
        int i = 0;
        for (double[][] a : measurements) {
            for (double[] p : a) {
                for (double v : p) {
                    flat[i++] = v;
                }
            }
        }
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO gauge_study (gauge_id, characteristic_id, tolerance, appraisers, parts, trials, measurements, verdict, note,
                    recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")) {
            ps.setString(1, gaugeId);
            ps.setObject(2, characteristicId);
            ps.setObject(3, tolerance);
            ps.setArray(4, c.createArrayOf("text", appraisers.toArray()));
            ps.setInt(5, parts);
            ps.setInt(6, trials);
            ps.setArray(7, c.createArrayOf("float8", flat));
            ps.setString(8, verdict);
            ps.setString(9, note);
            ps.setString(10, by);
            ps.setTimestamp(11, Timestamp.from(at));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public StudyRow study(long id) {
        return studies("WHERE id = ?", id).get(0);
    }

    /** The gauge's studies, newest first. */
    public List<StudyRow> studiesOf(String gaugeId) {
        return studies("WHERE gauge_id = ? ORDER BY recorded_at DESC, id DESC", gaugeId);
    }

    /** Whether the gauge has a study recorded in (from, to] whose verdict is not NOT_ACCEPTABLE. */
    public boolean hasAcceptableStudy(String gaugeId, Instant from, Instant to) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT EXISTS (SELECT 1 FROM gauge_study WHERE gauge_id = ? AND verdict <> 'NOT_ACCEPTABLE' AND recorded_at <= ?
                    AND recorded_at > ?)""")) {
            ps.setString(1, gaugeId);
            ps.setTimestamp(2, Timestamp.from(to));
            ps.setTimestamp(3, Timestamp.from(from));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<StudyRow> studies(String where, Object parameter) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT id, gauge_id, characteristic_id, tolerance, appraisers, parts, trials, measurements, verdict, note, recorded_by,
                       recorded_at FROM gauge_study\s""" + where)) {
            ps.setObject(1, parameter);
            List<StudyRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> appraisers = List.of((String[]) rs.getArray(5).getArray());
                    int parts = rs.getInt(6);
                    int trials = rs.getInt(7);
                    Object[] flat = (Object[]) rs.getArray(8).getArray();
                    double[][][] m = new double[appraisers.size()][parts][trials];
                    int i = 0;
                    for (int a = 0; a < appraisers.size(); a++) {
                        for (int p = 0; p < parts; p++) {
                            for (int t = 0; t < trials; t++) {
                                m[a][p][t] = ((Number) flat[i++]).doubleValue();
                            }
                        }
                    }
                    out.add(new StudyRow(rs.getLong(1), rs.getString(2), (Long) rs.getObject(3), (Double) rs.getObject(4), appraisers, parts,
                            trials, m, rs.getString(9), rs.getString(10), rs.getString(11), rs.getTimestamp(12).toInstant()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
