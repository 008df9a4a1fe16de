package mes.ingest.archive;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import mes.ingest.config.IngestConfig;
import mes.ingest.persistence.FactWriter;
import org.postgresql.PGConnection;

/**
 * Retention of raw data: each daily partition of readings older than the retention is exported
 * to the archive as gzip CSV with a manifest (rows, SHA-256), the upload is confirmed by reading
 * it back, the export is recorded, and only then is the partition dropped. A crash at any step
 * resumes on the next run; an archive that cannot be reached drops nothing. One instance at a
 * time: the run holds a database advisory lock. State events, counters and alerts are kept.
 */
@ApplicationScoped
public class RetentionService {

    /** What one run did. */
    public record Outcome(boolean ran, List<String> exported, List<String> dropped, List<String> failed) {
    }

    private record Export(String table, String query, String columns) {
    }

    private static final long LOCK = 0x4d45535245544eL; // "MESRETN"
    private static final DateTimeFormatter PATH = DateTimeFormatter.ofPattern("yyyy/MM/dd");
    private static final List<Export> EXPORTS = List.of(
            new Export("sensor_reading",
                    "SELECT s.machine_id, s.name AS sensor, r.ts, r.value FROM %s r JOIN machine_sensor s ON s.id = r.sensor_id"
                            + " ORDER BY s.machine_id, s.name, r.ts",
                    "machine_id,sensor,ts,value"),
            new Export("sensor_reading_downsampled",
                    "SELECT s.machine_id, s.name AS sensor, d.second, d.min_value, d.max_value, d.sum_value, d.count"
                            + " FROM %s d JOIN machine_sensor s ON s.id = d.sensor_id ORDER BY s.machine_id, s.name, d.second",
                    "machine_id,sensor,second,min_value,max_value,sum_value,count"));

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ArchiveStore archive;

    @Inject
    IngestConfig ingest;

    @Inject
    FactWriter facts;

    @Inject
    Clock clock;

    /** Archives and drops every partition older than the retention, as of {@code now}. */
    public Outcome run(Instant now) {
        LocalDate cutoff = LocalDate.ofInstant(now.minus(ingest.retention()), ZoneOffset.UTC);
        List<String> exported = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        try (Connection lockHolder = dataSource.getConnection()) {
            if (!tryLock(lockHolder)) {
                Log.info("Retention: another instance is running it");
                return new Outcome(false, exported, dropped, failed);
            }
            try {
                for (Export export : EXPORTS) {
                    for (LocalDate day : partitionDays(export.table(), cutoff)) {
                        String partition = export.table() + "_" + day.toString().replace("-", "");
                        try {
                            if (exportIfNeeded(export, day, partition)) {
                                exported.add(partition);
                            }
                            drop(export.table(), day, partition);
                            dropped.add(partition);
                        } catch (IOException | SQLException | RuntimeException e) {
                            failed.add(partition);
                            Log.warnf("Retention: %s is kept, its export is not confirmed: %s", partition, e.getMessage());
                        }
                    }
                }
                // message keys older than the horizon are never needed again: messages that old are rejected
                for (LocalDate day : partitionDays("ingested_message", cutoff)) {
                    String partition = "ingested_message_" + day.toString().replace("-", "");
                    dropTable(partition);
                    dropped.add(partition);
                }
            } finally {
                unlock(lockHolder);
                facts.forgetPartitions();
            }
        } catch (SQLException e) {
            Log.warnf("Retention did not run: %s", e.getMessage());
            return new Outcome(false, exported, dropped, failed);
        }
        if (!exported.isEmpty() || !dropped.isEmpty() || !failed.isEmpty()) {
            Log.infof("Retention: exported %s, dropped %s, kept after failure %s", exported, dropped, failed);
        }
        return new Outcome(true, exported, dropped, failed);
    }

    /** The object name of a day's export. */
    public static String objectName(String table, LocalDate day) {
        return table + "/" + day.format(PATH) + "/" + table + "_" + day.toString().replace("-", "") + ".csv.gz";
    }

    private boolean exportIfNeeded(Export export, LocalDate day, String partition) throws IOException, SQLException {
        String name = objectName(export.table(), day);
        Optional<String[]> recorded = recordedExport(export.table(), day);
        if (recorded.isPresent()) {
            Optional<ArchiveStore.Stored> stored = archive.stat(name);
            if (stored.isPresent() && recorded.get()[1].equals(stored.get().sha256())) {
                return false; // exported before a crash: only the drop is left
            }
        }
        Path file = Files.createTempFile("mes-archive-", ".csv.gz");
        try {
            long rows;
            String sha;
            try (Connection c = dataSource.getConnection()) {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                CountingLines counter;
                try (OutputStream out = new GZIPOutputStream(new DigestOutputStream(
                        new BufferedOutputStream(Files.newOutputStream(file)), digest), 1 << 16)) {
                    counter = new CountingLines(out);
                    String query = export.query().formatted(quote(partition));
                    c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + query + ") TO STDOUT (FORMAT csv, HEADER)", counter);
                }
                rows = Math.max(0, counter.lines - 1);
                sha = HexFormat.of().formatHex(digest.digest());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            archive.put(name, file, "application/gzip", sha);
            String manifest = """
                    {"table":"%s","day":"%s","partition":"%s","object":"%s","rows":%d,"sha256":"%s","bytes":%d,\
                    "columns":"%s","exportedAt":"%s","format":"csv, gzip, header row"}
                    """.formatted(export.table(), day, partition, name, rows, sha, Files.size(file), export.columns(), clock.instant())
                    .strip();
            Path manifestFile = Files.createTempFile("mes-manifest-", ".json");
            try {
                Files.writeString(manifestFile, manifest, StandardCharsets.UTF_8);
                archive.put(name + ".manifest.json", manifestFile, "application/json", LocalFolderArchive.sha256(manifestFile));
            } finally {
                Files.deleteIfExists(manifestFile);
            }
            ArchiveStore.Stored stored = archive.stat(name)
                    .orElseThrow(() -> new IOException(archive.location(name) + " is not there after the upload"));
            if (!sha.equals(stored.sha256()) || stored.size() != Files.size(file)) {
                throw new IOException(archive.location(name) + " does not match what was uploaded");
            }
            record(export.table(), day, name, rows, sha);
            return true;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private Optional<String[]> recordedExport(String table, LocalDate day) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT object_name, sha256 FROM archive_export WHERE table_name = ? AND day = ?")) {
            ps.setString(1, table);
            ps.setObject(2, day);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new String[] {rs.getString(1), rs.getString(2)}) : Optional.empty();
            }
        }
    }

    private void record(String table, LocalDate day, String name, long rows, String sha) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO archive_export (table_name, day, state, object_name, row_count, sha256)
                        VALUES (?, ?, 'EXPORTED', ?, ?, ?)
                        ON CONFLICT (table_name, day) DO UPDATE SET state = 'EXPORTED', object_name = excluded.object_name,
                            row_count = excluded.row_count, sha256 = excluded.sha256, exported_at = now(), dropped_at = NULL
                        """)) {
            ps.setString(1, table);
            ps.setObject(2, day);
            ps.setString(3, archive.location(name));
            ps.setLong(4, rows);
            ps.setString(5, sha);
            ps.executeUpdate();
        }
    }

    private void drop(String table, LocalDate day, String partition) throws SQLException {
        dropTable(partition);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE archive_export SET state = 'DROPPED', dropped_at = now() WHERE table_name = ? AND day = ?")) {
            ps.setString(1, table);
            ps.setObject(2, day);
            ps.executeUpdate();
        }
    }

    private void dropTable(String partition) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + quote(partition));
        }
    }

    private List<LocalDate> partitionDays(String parent, LocalDate cutoff) throws SQLException {
        List<LocalDate> days = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                        + " JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = ? ORDER BY c.relname")) {
            ps.setString(1, parent);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    String suffix = name.substring(parent.length() + 1);
                    if (suffix.matches("\\d{8}")) {
                        LocalDate day = LocalDate.parse(suffix, DateTimeFormatter.BASIC_ISO_DATE);
                        if (day.isBefore(cutoff)) {
                            days.add(day);
                        }
                    }
                }
            }
        }
        return days;
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, LOCK);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static void unlock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            ps.setLong(1, LOCK);
            ps.execute();
        }
    }

    private static String quote(String identifier) {
        if (!identifier.matches("[a-z_]+_\\d{8}")) {
            throw new IllegalArgumentException("not a partition name: " + identifier);
        }
        return '"' + identifier + '"';
    }

    /** Counts newline bytes written through it (CSV rows; quoted values hold no newline here). */
    private static final class CountingLines extends FilterOutputStream {
        long lines;

        CountingLines(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            if (b == '\n') {
                lines++;
            }
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    lines++;
                }
            }
            out.write(b, off, len);
        }
    }
}
