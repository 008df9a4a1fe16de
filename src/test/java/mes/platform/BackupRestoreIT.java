package mes.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mes.support.EmbeddedPostgresControl;
import mes.support.PackagedApp;
import mes.support.SensorStream;
import org.junit.jupiter.api.Test;

/**
 * The backup and restore drill, as Cloud SQL does it (terraform/cloudsql.tf: automated backups
 * and point-in-time recovery): a hot physical base backup of the running database
 * (pg_backup_start, a copy of the data directory, pg_backup_stop) plus the archived write-ahead
 * log, restored into a new server to a point in time, which is then what the packaged
 * application runs against. It must show the same OEE figures and the same, intact audit chain
 * as the original did at that moment, and nothing of what was written after it.
 *
 * <p>The timeline: shift data part 1; the base backup (the application keeps running); part 2
 * and an audited change; the figures and the chain are taken and the moment T noted; part 3 and
 * another audited change (the "mistake" to recover from); restore to T. A logical dump is not
 * tried: the embedded PostgreSQL 17 ships no pg_dump, and this machine's is older than the server.
 */
class BackupRestoreIT {

    static final List<String> MACHINES = List.of("DRILL-1", "DRILL-2", "DRILL-3");
    static final int MINUTES = 10;

    @Test
    void aPointInTimeRestoreShowsTheSameFiguresAndAnIntactAuditChain() throws Exception {
        assumeTrue(PackagedApp.packaged(), "package the application first (./mvnw verify does)");
        Path work = Files.createTempDirectory("backup-drill");
        Path archive = Files.createDirectories(work.resolve("wal-archive"));
        Path backup = work.resolve("base-backup");
        Path restored = work.resolve("restored");
        try (EmbeddedPostgres original = EmbeddedPostgres.builder().setServerConfig("timezone", "UTC")
                .setServerConfig("archive_mode", "on").start()) {
            try (Connection c = original.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                // the WAL archive, as Cloud SQL keeps it for point-in-time recovery (set here: the value has spaces)
                s.execute("ALTER SYSTEM SET archive_command = 'cp %p " + archive + "/%f'");
                s.execute("SELECT pg_reload_conf()");
                s.execute("CREATE ROLE mes LOGIN PASSWORD 'mes'");
                s.execute("CREATE DATABASE mes OWNER mes");
            }
            Instant start = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.HOURS);
            String oee = "/api/v1/oee?scope=site&id=DRILL&from=" + start + "&to=" + start.plus(3 * MINUTES, ChronoUnit.MINUTES);
            String line = "/api/v1/oee?scope=line&id=DRILL-L&groupBy=hour&from=" + start + "&to=" + start.plus(1, ChronoUnit.HOURS);
            String audit = "/api/v1/audit?limit=10000";
            String verify = "/api/v1/audit/verify";

            String figuresAtT;
            String lineAtT;
            String auditAtT;
            String verifiedAtT;
            String targetTime;
            try (PackagedApp app = new PackagedApp(url(original.getPort()), Map.of("mes.reports.enabled", "false"))) {
                app.start();
                app.plant("DRILL", MACHINES, "spindle_temp_c", "vibration_mm_s");
                app.send("PUT", "/api/v1/sites/DRILL/calendar", """
                        {"shifts": [{"name": "day", "days": ["MON","TUE","WED","THU","FRI","SAT","SUN"], "start": "00:00", "end": "12:00"},
                                    {"name": "night", "days": ["MON","TUE","WED","THU","FRI","SAT","SUN"], "start": "12:00", "end": "00:00"}]}
                        """);
                ingest(app, start, 0);
                String figuresAtBackup = app.send("GET", oee, null);

                baseBackup(original, backup);

                ingest(app, start, 1);
                app.send("PUT", "/api/v1/machines/DRILL-1", machine("Drill press one"));
                figuresAtT = app.send("GET", oee, null);
                lineAtT = app.send("GET", line, null);
                auditAtT = app.send("GET", audit, null);
                verifiedAtT = app.send("GET", verify, null);
                targetTime = scalar(original, "SELECT now()::text");
                Thread.sleep(1_000);

                ingest(app, start, 2); // what the restore must leave out
                app.send("PUT", "/api/v1/machines/DRILL-2", machine("renamed by mistake"));
                assertThat(app.send("GET", oee, null)).isNotEqualTo(figuresAtT);
                assertThat(figuresAtT).as("part 2 changed the figures after the backup").isNotEqualTo(figuresAtBackup);
                archiveCurrentWal(original);
            }

            restore(original, backup, archive, restored, targetTime);
            int port = PackagedApp.freePort();
            Process server = startServer(original, restored, port);
            try {
                awaitPromoted(port);
                try (PackagedApp app = new PackagedApp(url(port), Map.of("mes.reports.enabled", "false"))) {
                    app.start();
                    assertThat(app.send("GET", verify, null)).as("the audit chain, checked by the restored application")
                            .isEqualTo(verifiedAtT).contains("\"valid\":true");
                    assertThat(app.send("GET", audit, null)).as("every audit entry and hash as at T, none after").isEqualTo(auditAtT);
                    assertThat(app.send("GET", oee, null)).as("site OEE as at T").isEqualTo(figuresAtT);
                    assertThat(app.send("GET", line, null)).as("the line's hourly OEE as at T").isEqualTo(lineAtT);
                    assertThat(app.send("GET", "/api/v1/machines/DRILL-2", null)).doesNotContain("renamed by mistake");
                    System.out.printf("restored to %s: site OEE %s; audit %s%n", targetTime, figuresAtT, verifiedAtT);
                }
            } finally {
                server.destroy();
                server.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static String machine(String name) {
        return "{\"name\":\"" + name + "\",\"lineId\":\"DRILL-L\",\"idealCycleTimeSeconds\":20,\"sensors\":{"
                + "\"spindle_temp_c\":{\"unit\":\"u\",\"lsl\":0,\"usl\":1000},\"vibration_mm_s\":{\"unit\":\"u\",\"lsl\":0,\"usl\":1000}}}";
    }

    /** Part {@code part} (0, 1, 2) of the shift: each machine's messages of minutes 10 x part to 10 x part + 10. */
    private static void ingest(PackagedApp app, Instant start, int part) throws Exception {
        for (int m = 0; m < MACHINES.size(); m++) {
            List<String> messages = SensorStream.messages(MACHINES.get(m), start.plus((long) part * MINUTES, ChronoUnit.MINUTES),
                    MINUTES * 60, 100L * part + m);
            for (int i = 0; i < messages.size(); i += 100) {
                app.send("POST", "/api/v1/readings", SensorStream.array(messages.subList(i, Math.min(i + 100, messages.size()))));
            }
        }
    }

    /** A hot base backup with the low-level API: start, copy the data directory, stop, write the backup label. */
    private static void baseBackup(EmbeddedPostgres pg, Path backup) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_backup_start('drill', true)");
            Path data = Path.of(scalar(c, "SHOW data_directory"));
            copy(data, backup, p -> !p.startsWith(data.resolve("pg_wal")) && !p.getFileName().toString().startsWith("postmaster."));
            try (ResultSet rs = s.executeQuery("SELECT labelfile FROM pg_backup_stop(true)")) { // waits until its WAL is archived
                rs.next();
                Files.writeString(backup.resolve("backup_label"), rs.getString(1));
            }
        }
        Files.createDirectories(backup.resolve("pg_wal/archive_status"));
    }

    /** Switches to a new WAL segment and waits until the archiver has copied the finished one. */
    private static void archiveCurrentWal(EmbeddedPostgres pg) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            String segment = scalar(c, "SELECT pg_walfile_name(pg_switch_wal())");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (scalar(c, "SELECT coalesce(last_archived_wal, '') FROM pg_stat_archiver").compareTo(segment) < 0) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("WAL segment " + segment + " was not archived within 60 s");
                }
                Thread.sleep(100);
            }
        }
    }

    /** The base backup copied into a new data directory, set to recover from the archive up to the target time. */
    private static void restore(EmbeddedPostgres pg, Path backup, Path archive, Path restored, String targetTime) throws Exception {
        copy(backup, restored, p -> true);
        Files.setPosixFilePermissions(restored, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(restored.resolve("recovery.signal"), "");
        Files.writeString(restored.resolve("postgresql.auto.conf"), String.join("\n",
                "restore_command = 'cp " + archive + "/%f %p'",
                "recovery_target_time = '" + targetTime + "'",
                "recovery_target_action = 'promote'",
                "archive_mode = 'off'", ""), java.nio.file.StandardOpenOption.APPEND);
    }

    /** The same PostgreSQL binary and settings as the original, on the restored directory and another port. */
    private static Process startServer(EmbeddedPostgres pg, Path data, int port) throws IOException {
        List<String> original = new EmbeddedPostgresControl(url(pg.getPort())).serverCommand();
        int binary = original.indexOf(original.stream().filter(a -> a.endsWith("/bin/postgres")).findFirst().orElseThrow());
        List<String> command = new ArrayList<>(original.subList(0, binary + 1));
        List<String> args = original.subList(binary + 1, original.size());
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-D") || a.equals("-p")) {
                command.add(a);
                command.add(a.equals("-D") ? data.toString() : String.valueOf(port));
                i++;
            } else if (a.equals("-c") && i + 1 < args.size() && args.get(i + 1).startsWith("archive_")) {
                i++; // the restored server does not archive into the original's archive
            } else {
                command.add(a);
            }
        }
        File log = File.createTempFile("restored-pg", ".log");
        System.out.println("restored server: " + String.join(" ", command) + "; log " + log);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }

    /** Waits until the restored server has replayed up to the target, promoted itself and takes writes. */
    private static void awaitPromoted(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            try (Connection c = DriverManager.getConnection(url(port), "mes", "mes")) {
                if ("f".equals(scalar(c, "SELECT pg_is_in_recovery()::text").substring(0, 1))) {
                    return;
                }
            } catch (SQLException notYet) {
                // starting, or still replaying
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the restored server did not finish recovery within 120 s");
    }

    private static void copy(Path from, Path to, java.util.function.Predicate<Path> include) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (!include.test(p) && !p.equals(from)) {
                    continue;
                }
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    try {
                        Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                    } catch (java.nio.file.NoSuchFileException gone) {
                        // a file removed while copying (a temporary file of the running server): the WAL replay covers it
                    }
                }
            }
        }
    }

    private static String url(int port) {
        return "jdbc:postgresql://localhost:" + port + "/mes";
    }

    private static String scalar(EmbeddedPostgres pg, String sql) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            return scalar(c, sql);
        }
    }

    private static String scalar(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
