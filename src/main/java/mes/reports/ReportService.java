package mes.reports;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.storage.StorageOptions;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mes.audit.AuditTrail;
import mes.ingest.archive.ArchiveStore;
import mes.ingest.archive.CloudStorageArchive;
import mes.ingest.archive.LocalFolderArchive;
import mes.kernel.Refusal;
import mes.oee.OeeService;
import mes.reports.domain.Manifest;
import mes.reports.domain.Period;
import mes.reports.domain.ReportType;
import mes.reports.domain.Schedule;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Compliance reports: made on schedule (daily after the night shift, weekly, monthly, in the
 * plant's time zone) and on demand; each an immutable set of files (HTML, PDF, CSV and a SHA-256
 * manifest) in the reports store, and one database row with their hashes and location. With
 * several instances, exactly one makes each scheduled report: a transaction-level advisory lock
 * per period, and a unique index behind it. Periods missed while the application was down are
 * still due, so the next run (and the run at start) catches them up.
 */
@ApplicationScoped
public class ReportService {

    public static final String HTML = "report.html";
    public static final String PDF = "report.pdf";
    public static final String CSV = "data.csv";

    /** Read back from the row's JSON by Jackson: registered for reflection in the native binary. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    /** A file of a report as it is served. */
    public record Download(byte[] bytes, String contentType) {
    }

    public record StoredFile(String name, String sha256, long size, String contentType) {
    }

    public record Report(long id, ReportType type, Instant from, Instant to, String timeZone, String trigger, String requestedBy,
            Instant generatedAt, String softwareVersion, String location, String sha256, List<StoredFile> files) {
    }

    /** A report's files checked against the row and the manifest. */
    public record Verification(long id, boolean valid, String manifestSha256, List<Manifest.Check> files, String problem) {
    }

    @Inject
    AgroalDataSource db;

    @Inject
    ReportConfig config;

    @Inject
    ReportFigures figures;

    @Inject
    AuditTrail audit;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown")
    String version;

    private ArchiveStore store;

    @PostConstruct
    void init() {
        store = switch (config.target()) {
            case LOCAL -> new LocalFolderArchive(Path.of(config.localFolder()));
            case GCS -> new CloudStorageArchive(StorageOptions.getDefaultInstance().getService(),
                    config.bucket().orElseThrow(() -> new IllegalStateException("mes.reports.bucket is required for target gcs")),
                    config.prefix());
        };
    }

    /** The period of a type that ended last before now (with the delay), for an on-demand request without dates. */
    public Period lastPeriod(ReportType type) {
        Instant ready = clock.instant().minus(config.delay());
        Period p = type.periodOf(ready.atZone(config.timeZone()).toLocalDate(), config.dayStart(), config.timeZone());
        return p.to().isAfter(ready) ? type.previous(p, config.dayStart(), config.timeZone()) : p;
    }

    /** An on-demand report of any period up to now (at most 92 days), by the current user. */
    public Report onDemand(ReportType type, Instant from, Instant to) {
        if (from == null && to == null) {
            Period p = lastPeriod(type);
            return generate(p, "ON_DEMAND", audit.currentActor());
        }
        if (from == null || to == null) {
            throw Refusal.invalid("give both from and to, or neither (the last complete period of the type)");
        }
        if (!from.isBefore(to)) {
            throw Refusal.invalid("from must be before to");
        }
        if (to.isAfter(clock.instant())) {
            throw Refusal.invalid("to lies in the future: a report covers what has happened");
        }
        if (Duration.between(from, to).compareTo(OeeService.MAX_WINDOW) > 0) {
            throw Refusal.invalid("a report covers at most 92 days");
        }
        LocalDate first = from.atZone(config.timeZone()).toLocalDate();
        return generate(new Period(type, from, to, first), "ON_DEMAND", audit.currentActor());
    }

    /**
     * Makes every scheduled report that is due at {@code now} and not made yet, oldest first; answers
     * those this call made. Safe to call from several instances at once.
     */
    @jakarta.enterprise.context.control.ActivateRequestContext
    public List<Report> catchUp(Instant now) {
        Instant installed = installedAt();
        Instant horizon = now.minus(config.catchUp());
        Instant since = installed.isAfter(horizon) ? installed : horizon;
        List<Report> made = new ArrayList<>();
        for (Period p : Schedule.due(now, config.timeZone(), config.dayStart(), config.delay(), since)) {
            if (exists(p)) {
                continue;
            }
            try {
                generateScheduled(p).ifPresent(made::add);
            } catch (RuntimeException | IOException | SQLException e) {
                Log.errorf(e, "Report %s %s could not be made; the next run tries again", p.type(), p.firstDay());
            }
        }
        return made;
    }

    private Optional<Report> generateScheduled(Period p) throws IOException, SQLException {
        Rendered r = render(p, "SCHEDULED", AuditTrail.SYSTEM);
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = db.getConnection(); PreparedStatement lock = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?, ?)")) {
                lock.setInt(1, 0x4E9047);
                lock.setInt(2, (p.type().name() + p.from()).hashCode());
                try (ResultSet rs = lock.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1) || exists(p)) {
                        return Optional.<Report>empty(); // another instance is storing it, or stored it
                    }
                }
            }
            return Optional.of(store(r));
        });
    }

    private Report generate(Period p, String trigger, String requestedBy) {
        try {
            Rendered r = render(p, trigger, requestedBy);
            return QuarkusTransaction.requiringNew().call(() -> store(r));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A report made and not yet stored. */
    private record Rendered(long id, Period period, String trigger, String requestedBy, Instant generatedAt, Map<String, byte[]> files,
            Manifest manifest) {
    }

    /**
     * Computes the figures and renders the files, outside any transaction: the OEE rollups that the
     * figures may fill commit on their own. Two instances may both render a period; only one stores it.
     */
    private Rendered render(Period p, String trigger, String requestedBy) throws SQLException {
        long id = nextId();
        Instant generatedAt = clock.instant();
        ReportFigures.Figures f = figures.compute(p.type(), p.from(), p.to(), p.to().plus(config.delay()), config.timeZone(), p.firstDay());
        ReportDocument.Meta meta = new ReportDocument.Meta(id, generatedAt, version, trigger, requestedBy);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(HTML, ReportDocument.html(f, meta, false).getBytes(StandardCharsets.UTF_8));
        files.put(PDF, ReportDocument.pdf(ReportDocument.html(f, meta, true)));
        files.put(CSV, ReportDocument.csv(f));
        Manifest manifest = Manifest.of(files);
        files.put(Manifest.FILE, manifest.bytes());
        return new Rendered(id, p, trigger, requestedBy, generatedAt, files, manifest);
    }

    /** Puts the files into the store and records the report, in the caller's transaction. */
    private Report store(Rendered rendered) throws IOException, SQLException {
        Period p = rendered.period();
        long id = rendered.id();
        String folder = p.type().name().toLowerCase(java.util.Locale.ROOT) + "/" + p.firstDay() + "/" + id + "/";
        List<StoredFile> stored = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : rendered.files().entrySet()) {
            Path tmp = Files.createTempFile("report", ".part");
            try {
                Files.write(tmp, e.getValue());
                String sha = Manifest.sha256(e.getValue());
                store.put(folder + e.getKey(), tmp, contentType(e.getKey()), sha);
                stored.add(new StoredFile(e.getKey(), sha, e.getValue().length, contentType(e.getKey())));
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        String trigger = rendered.trigger();
        String requestedBy = rendered.requestedBy();
        Instant generatedAt = rendered.generatedAt();
        Report r = new Report(id, p.type(), p.from(), p.to(), config.timeZone().getId(), trigger, requestedBy, generatedAt, version,
                store.location(folder), rendered.manifest().sha256(), stored);
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO report (id, type, period_from, period_to, time_zone, trigger, requested_by, generated_at, software_version,
                    location, manifest_sha256, files) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)""")) {
            ps.setLong(1, id);
            ps.setString(2, p.type().name());
            ps.setTimestamp(3, Timestamp.from(p.from()));
            ps.setTimestamp(4, Timestamp.from(p.to()));
            ps.setString(5, r.timeZone());
            ps.setString(6, trigger);
            ps.setString(7, requestedBy);
            ps.setTimestamp(8, Timestamp.from(generatedAt));
            ps.setString(9, version);
            ps.setString(10, r.location());
            ps.setString(11, r.sha256());
            ps.setString(12, json.writeValueAsString(stored));
            ps.executeUpdate();
        }
        audit.record(requestedBy, "GENERATE", "report", String.valueOf(id), null, Map.of("type", p.type().name(), "from", p.from().toString(),
                "to", p.to().toString(), "trigger", trigger, "sha256", r.sha256()));
        Log.infof("Report %d: %s %s, %s", id, p.type(), p.firstDay(), r.location());
        return r;
    }

    private static String contentType(String name) {
        return name.endsWith(".html") ? "text/html; charset=utf-8" : name.endsWith(".pdf") ? "application/pdf"
                : name.endsWith(".csv") ? "text/csv; charset=utf-8" : "text/plain; charset=utf-8";
    }

    public List<Report> list(int limit) {
        return query("SELECT " + COLUMNS + " FROM report ORDER BY period_from DESC, id DESC LIMIT ?", limit);
    }

    public Report get(long id) {
        List<Report> r = query("SELECT " + COLUMNS + " FROM report WHERE id = ?", id);
        if (r.isEmpty()) {
            throw Refusal.notFound("no report " + id);
        }
        return r.get(0);
    }

    /** One file of a report, by one of the names its row lists (never a path). */
    public Download file(long id, String name) {
        Report r = get(id);
        StoredFile f = r.files().stream().filter(x -> x.name().equals(name)).findFirst()
                .orElseThrow(() -> Refusal.notFound("report " + id + " has no file '" + name + "'"));
        try {
            byte[] bytes = store.read(folder(r) + f.name()).orElseThrow(() -> Refusal.notFound("the file " + name + " of report "
                    + id + " is missing from the store"));
            return new Download(bytes, f.contentType());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads every file back and checks it against the row's hashes and the stored manifest. */
    public Verification verify(long id) {
        Report r = get(id);
        Map<String, byte[]> found = new LinkedHashMap<>();
        try {
            for (StoredFile f : r.files()) {
                store.read(folder(r) + f.name()).ifPresent(b -> found.put(f.name(), b));
            }
        } catch (IOException e) {
            return new Verification(id, false, r.sha256(), List.of(), "the store cannot be read: " + e.getMessage());
        }
        byte[] manifestBytes = found.remove(Manifest.FILE);
        if (manifestBytes == null) {
            return new Verification(id, false, r.sha256(), List.of(), "the manifest is missing");
        }
        if (!Manifest.sha256(manifestBytes).equals(r.sha256())) {
            return new Verification(id, false, r.sha256(), List.of(), "the manifest does not match the hash recorded in the database");
        }
        Manifest m = Manifest.parse(new String(manifestBytes, StandardCharsets.UTF_8));
        List<Manifest.Check> checks = m.check(found);
        boolean rowAgrees = r.files().stream().filter(f -> !f.name().equals(Manifest.FILE))
                .allMatch(f -> f.sha256().equals(m.sha256ByName().get(f.name())));
        boolean valid = rowAgrees && checks.stream().allMatch(Manifest.Check::ok);
        return new Verification(id, valid, r.sha256(), checks, valid ? null : rowAgrees ? "a file does not match its hash"
                : "the database row and the manifest disagree");
    }

    private String folder(Report r) {
        return r.type().name().toLowerCase(java.util.Locale.ROOT) + "/" + r.from().atZone(java.time.ZoneId.of(r.timeZone())).toLocalDate() + "/"
                + r.id() + "/";
    }

    private boolean exists(Period p) {
        return !mes.platform.Jdbc.strings(db, "SELECT id FROM report WHERE type = ? AND period_from = ? AND trigger = 'SCHEDULED'",
                p.type().name(), Timestamp.from(p.from())).isEmpty();
    }

    /** When the schema was created: no report is due for a period that ended before the plant's records began. */
    private Instant installedAt() {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT min(installed_on) FROM flyway_schema_history"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            Timestamp t = rs.getTimestamp(1);
            return t == null ? Instant.EPOCH : t.toInstant();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long nextId() throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT nextval('report_id_seq')");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static final String COLUMNS = "id, type, period_from, period_to, time_zone, trigger, requested_by, generated_at, software_version,"
            + " location, manifest_sha256, files::text";

    private List<Report> query(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<Report> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Report(rs.getLong(1), ReportType.valueOf(rs.getString(2)), rs.getTimestamp(3).toInstant(),
                            rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant(),
                            rs.getString(9), rs.getString(10), rs.getString(11), json.readValue(rs.getString(12), new TypeReference<List<StoredFile>>() {
                            })));
                }
            }
            return out;
        } catch (SQLException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
