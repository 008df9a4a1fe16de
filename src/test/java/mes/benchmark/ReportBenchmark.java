package mes.benchmark;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import mes.quality.QualityFixture;
import mes.reports.ReportService;
import mes.reports.domain.ReportType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The generation time of a monthly compliance report over a month of facts of 55 machines (a
 * message every 10 s) and a month of inspections of a special characteristic (a subgroup of 5 every
 * hour): figures, HTML, PDF, CSV, the store and the row. Not part of `./mvnw verify`; `bench/run`
 * runs it. Writes target/benchmark/monthly-report.txt; it asserts nothing about time.
 */
@QuarkusTest
@Tag("benchmark")
class ReportBenchmark {

    @Inject
    AgroalDataSource db;

    @Inject
    ReportService reports;

    @Test
    void monthlyReport() throws Exception {
        BenchmarkData plant = BenchmarkData.plant(OeeQueryBenchmark.MACHINES);
        Instant to = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant from = to.minus(30, ChronoUnit.DAYS);
        double loadSeconds = plant.facts(db, from, to, OeeQueryBenchmark.SPACING_SECONDS);
        QualityFixture quality = new QualityFixture();
        String lot = quality.lot(false);
        long bore = mes.support.Api.as("auditor").get("/api/v1/parts/" + quality.part + "/control-plan").then().extract().jsonPath()
                .getLong("characteristics.find { it.code == 'BORE' }.id");
        int subgroups = inspections(lot, bore, from, to);

        List<Double> seconds = new ArrayList<>();
        ReportService.Report last = null;
        for (int i = 0; i < 4; i++) { // the first fills the month's OEE rollups
            long start = System.nanoTime();
            last = reports.onDemand(ReportType.MONTHLY, from, to);
            seconds.add((System.nanoTime() - start) / 1e9);
        }
        StringBuilder sizes = new StringBuilder();
        for (ReportService.StoredFile f : last.files()) {
            sizes.append(String.format(Locale.ROOT, " %s %,d B;", f.name(), f.size()));
        }
        String report = String.format(Locale.ROOT,
                "monthly compliance report: %d machines, a month of facts (written in %.1f s), %d inspections of a special characteristic%n"
                        + "first (fills the month's OEE rollups) %.1f s; then %.1f s, %.1f s, %.1f s%nfiles:%s%n",
                OeeQueryBenchmark.MACHINES, loadSeconds, subgroups, seconds.get(0), seconds.get(1), seconds.get(2), seconds.get(3), sizes);
        Files.createDirectories(Path.of("target/benchmark"));
        Files.writeString(Path.of("target/benchmark/monthly-report.txt"), report);
        System.out.print(report);
    }

    /** A subgroup of 5 every hour of the month, written straight into the tables. */
    private int inspections(String lot, long characteristic, Instant from, Instant to) throws Exception {
        Random random = new Random(7);
        int n = 0;
        try (Connection c = db.getConnection(); PreparedStatement i = c.prepareStatement("""
                INSERT INTO inspection (lot_id, characteristic, result, inspected_by, inspected_at, recorded_at, characteristic_id)
                VALUES (?, 'BORE', 'PASS', 'bench', ?, ?, ?) RETURNING id""");
                PreparedStatement m = c.prepareStatement("INSERT INTO inspection_measurement (inspection_id, sample_no, value) VALUES (?, ?, ?)")) {
            for (Instant t = from; t.isBefore(to); t = t.plus(1, ChronoUnit.HOURS)) {
                i.setString(1, lot);
                i.setTimestamp(2, Timestamp.from(t));
                i.setTimestamp(3, Timestamp.from(t));
                i.setLong(4, characteristic);
                long id;
                try (var rs = i.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
                for (int k = 1; k <= 5; k++) {
                    m.setLong(1, id);
                    m.setInt(2, k);
                    m.setDouble(3, 20.0 + random.nextGaussian() * 0.003);
                    m.addBatch();
                }
                m.executeBatch();
                n++;
            }
        }
        return n;
    }
}
