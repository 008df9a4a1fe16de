package mes.reports;

import static mes.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import mes.oee.web.OeeApiTest;
import mes.quality.QualityFixture;
import mes.reports.domain.Period;
import mes.reports.domain.Schedule;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * Compliance reports: the figures of a seeded period equal the OEE and SPC APIs for that period;
 * the PDF parses and carries the headline figures; the hashes verify and a modified file is found;
 * the same period made again gives the same data; missed scheduled reports are caught up once,
 * even by two instances at the same time.
 */
@QuarkusTest
class ReportsTest {

    @Inject
    ReportService reports;

    @Inject
    AgroalDataSource db;

    @Inject
    mes.maintenance.PreventiveMaintenance preventive;

    /** The CSV without the maintenance rows of other tests' sites and lines. */
    private static String withoutOthersMaintenance(String csv, OeeApiTest.Plant plant) {
        return csv.lines().filter(l -> !l.startsWith("maintenance,") || l.contains(",site:" + plant.site() + ",")
                || l.contains(",line:" + plant.line() + ",")).collect(java.util.stream.Collectors.joining("\n"));
    }

    /** The report's data.csv as "section|subject|metric" to value. */
    private static Map<String, String> csv(String text) {
        Map<String, String> out = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] c = line.split(",", -1);
            out.put(c[0] + "|" + c[2] + "|" + c[3], c[4]);
        }
        return out;
    }

    @Test
    void aReportOfASeededPeriodHasTheFiguresOfTheApisAPdfAndVerifiableHashes() throws Exception {
        OeeApiTest.Plant plant = OeeApiTest.plant(true);
        Instant t0 = OeeApiTest.t0();
        OeeApiTest.ingestShuffled(OeeApiTest.scenario(plant.machine(), t0), 11);
        Instant from = t0;
        QualityFixture quality = new QualityFixture();
        String lot = quality.lot(false);
        double[][] bores = {{20.0, 20.01, 19.99, 20.0, 20.005}, {20.002, 20.0, 19.995, 20.01, 20.0}, {19.99, 20.0, 20.004, 20.0, 20.008}};
        for (int i = 0; i < bores.length; i++) {
            List<Double> values = new ArrayList<>();
            for (double v : bores[i]) {
                values.add(v);
            }
            as("gateway").body(Map.of("lotId", lot, "characteristic", "BORE", "values", values, "inspectedAt",
                    from.plus(i + 1, ChronoUnit.MINUTES).toString())).post("/api/v1/inspections").then().statusCode(201);
        }
        Instant to = Instant.now().truncatedTo(ChronoUnit.MILLIS); // the scenario's 40 minutes and the inspections are in [from, to)
        // a plan every 0.01 days (14.4 min) from the period's start: fell due in it, not done, overdue
        long plan = ((Number) as("maintenance").body(Map.of("machineId", plant.machine(), "title", "Check the guards", "trigger", "DAYS",
                "every", 0.01, "startsAt", from.toString())).post("/api/v1/maintenance/plans").then().statusCode(201).extract().path("id"))
                .longValue();
        preventive.check();

        JsonPath made = as("auditor").body(Map.of("type", "daily", "from", from.toString(), "to", to.toString())).post("/api/v1/reports")
                .then().statusCode(201).extract().jsonPath();
        long id = made.getLong("id");
        assertThat(made.getString("sha256")).matches("[0-9a-f]{64}");
        assertThat(made.getString("trigger")).isEqualTo("ON_DEMAND");
        assertThat(made.getString("requestedBy")).isEqualTo("auditor");
        assertThat(made.getString("softwareVersion")).isNotBlank();
        assertThat(made.getList("files.name")).containsExactlyInAnyOrder("report.html", "report.pdf", "data.csv", "manifest.sha256");
        as("supervisor").get("/api/v1/reports/" + id).then().statusCode(200).body("links.pdf", equalTo("/api/v1/reports/" + id + "/files/report.pdf"));

        // the figures equal the APIs' for the same period
        Map<String, String> data = csv(as("auditor").get(made.getString("links.csv")).then().statusCode(200).extract().asString());
        JsonPath oee = OeeApiTest.oee("site", plant.site(), from, to, null);
        for (String metric : List.of("availability", "effectiveness", "quality", "oee")) {
            assertThat(Double.parseDouble(data.get("oee|site:" + plant.site() + "|" + metric))).as(metric)
                    .isCloseTo(oee.getDouble(metric), within(1e-6));
        }
        assertThat(Long.parseLong(data.get("production|line:" + plant.line() + "|good"))).isEqualTo((long) oee.getDouble("gq"));
        assertThat(Long.parseLong(data.get("production|line:" + plant.line() + "|scrap"))).isEqualTo((long) oee.getDouble("sq"));
        long bore = as("auditor").get("/api/v1/parts/" + quality.part + "/control-plan").then().extract().jsonPath()
                .getLong("characteristics.find { it.code == 'BORE' }.id");
        JsonPath spc = as("auditor").queryParam("from", from.toString()).queryParam("to", to.toString())
                .get("/api/v1/characteristics/" + bore + "/spc").then().statusCode(200).extract().jsonPath();
        assertThat(Double.parseDouble(data.get("capability|" + quality.part + "/BORE|cpk"))).isCloseTo(spc.getDouble("capability.cpk"), within(1e-6));
        assertThat(Double.parseDouble(data.get("capability|" + quality.part + "/BORE|ppk"))).isCloseTo(spc.getDouble("capability.ppk"), within(1e-6));
        assertThat(data.get("capability|" + quality.part + "/BORE|subgroups")).isEqualTo("3");
        assertThat(data.get("audit_trail|chain|valid")).isEqualTo("true");
        // maintenance (IATF 16949 8.5.1.5): the API's MTBF and MTTR; the scenario's 5-minute jam is the one failure
        JsonPath kpis = as("auditor").queryParam("scope", "site").queryParam("id", plant.site()).queryParam("from", from.toString())
                .queryParam("to", to.toString()).get("/api/v1/maintenance/kpis").then().statusCode(200).extract().jsonPath()
                .using(new io.restassured.path.json.config.JsonPathConfig(io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE));
        assertThat(kpis.getDouble("failures")).isEqualTo(1.0);
        assertThat(data.get("maintenance|site:" + plant.site() + "|failures")).isEqualTo("1");
        assertThat(data.get("maintenance|site:" + plant.site() + "|pm_fell_due")).isEqualTo("1");
        assertThat(data.get("maintenance|site:" + plant.site() + "|pm_open_overdue")).isEqualTo("1");
        assertThat(Double.parseDouble(data.get("maintenance|site:" + plant.site() + "|pm_compliance"))).isZero();
        assertThat(data).containsKey("maintenance|plan:" + plan + "|overdue_days");
        assertThat(Double.parseDouble(data.get("maintenance|site:" + plant.site() + "|mttr"))).isCloseTo(kpis.getDouble("mttr"), within(1e-6));
        assertThat(Double.parseDouble(data.get("maintenance|line:" + plant.line() + "|mtbf"))).isCloseTo(kpis.getDouble("mtbf"), within(1e-6));

        // the PDF parses and carries the headline figures; the HTML has the pages' SVG charts
        byte[] pdf = as("auditor").get(made.getString("links.pdf")).then().statusCode(200).contentType("application/pdf").extract().asByteArray();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("Daily production and quality report", String.format(java.util.Locale.ROOT, "%.1f %%", oee.getDouble("oee") * 100),
                    "ISO 9001 7.5.3", "intact", quality.part + " BORE", "IATF 16949 8.5.1.5");
        }
        String html = as("auditor").get(made.getString("links.html")).then().statusCode(200)
                .header("Content-Security-Policy", containsString("sandbox")).extract().asString();
        assertThat(html).contains("<svg", "Loss waterfall", "IATF 16949 9.1.1.1", "id=\"pm-compliance\"", "Check the guards");

        // the hashes verify; a file changed in the store is found
        as("auditor").get("/api/v1/reports/" + id + "/verify").then().statusCode(200).body("valid", equalTo(true));
        Path folder = Path.of(URI.create(made.getString("location")));
        Path csvFile = folder.resolve("data.csv");
        String original = Files.readString(csvFile);
        Files.writeString(csvFile, original.replace("audit_trail,7.5.3,chain,valid,true", "audit_trail,7.5.3,chain,valid,TRUE"));
        JsonPath broken = as("auditor").get("/api/v1/reports/" + id + "/verify").then().statusCode(200).body("valid", equalTo(false)).extract()
                .jsonPath();
        assertThat(broken.getList("files.findAll { it.found != it.expected }.name")).containsExactly("data.csv");
        Files.writeString(csvFile, original);
        as("auditor").get("/api/v1/reports/" + id + "/verify").then().body("valid", equalTo(true));

        // made again: the same data, a new report
        JsonPath again = as("quality").body(Map.of("type", "daily", "from", from.toString(), "to", to.toString())).post("/api/v1/reports")
                .then().statusCode(201).extract().jsonPath();
        assertThat(again.getLong("id")).isNotEqualTo(id);
        // (a period not closed yet, to + the report delay being in the future: a failure going on now on another test's
        // machine counts up to the moment its report is made, so those maintenance rows may differ; everything else may not)
        String first = withoutOthersMaintenance(as("auditor").get(made.getString("links.csv")).then().extract().asString(), plant);
        String second = withoutOthersMaintenance(as("auditor").get("/api/v1/reports/" + again.getLong("id") + "/files/data.csv")
                .then().statusCode(200).extract().asString(), plant);
        assertThat(second).isEqualTo(first);

        // only the files the report lists are served
        as("auditor").get("/api/v1/reports/" + id + "/files/..%2F..%2F..%2Fpom.xml").then().statusCode(404);
        as("auditor").get("/api/v1/reports/" + id + "/files/manifest.sha256").then().statusCode(200)
                .body(containsString("  data.csv\n"));
        // the row is evidence
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE report SET manifest_sha256 = repeat('0', 64) WHERE id = " + id))
                    .hasMessageContaining("append-only");
        }
    }

    @Test
    void badRequestsAreRefusedWithTheReason() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        as("auditor").body(Map.of("type", "yearly")).post("/api/v1/reports").then().statusCode(400).body("detail", containsString("daily, weekly or monthly"));
        as("auditor").body(Map.of("type", "daily", "from", now.toString(), "to", now.minusSeconds(60).toString())).post("/api/v1/reports").then()
                .statusCode(400).body("detail", containsString("before"));
        as("auditor").body(Map.of("type", "daily", "from", now.toString(), "to", now.plusSeconds(3600).toString())).post("/api/v1/reports").then()
                .statusCode(400).body("detail", containsString("future"));
        as("auditor").body(Map.of("type", "daily", "from", now.toString())).post("/api/v1/reports").then().statusCode(400);
        as("auditor").body(Map.of("type", "monthly", "from", now.minus(93, ChronoUnit.DAYS).toString(), "to", now.toString())).post("/api/v1/reports")
                .then().statusCode(400).body("detail", containsString("92 days"));
        as("auditor").body(Map.of("type", "daily", "from", "yesterday", "to", now.toString())).post("/api/v1/reports").then().statusCode(400);
        as("operator").body(Map.of("type", "daily")).post("/api/v1/reports").then().statusCode(403);
        as("supervisor").body(Map.of("type", "daily")).post("/api/v1/reports").then().statusCode(403);
        as("operator").get("/api/v1/reports").then().statusCode(403);
        as("auditor").get("/api/v1/reports/987654321").then().statusCode(404);
    }

    @Test
    void missedScheduledReportsAreCaughtUpExactlyOnceEvenByTwoInstancesAtOnce() throws Exception {
        Instant now = Instant.now().plus(2, ChronoUnit.DAYS); // as if the application had been down for two days
        Instant installed;
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT min(installed_on) FROM flyway_schema_history")) {
            rs.next();
            installed = rs.getTimestamp(1).toInstant();
        }
        List<Period> due = Schedule.due(now, ZoneOffset.UTC, LocalTime.of(6, 0), Duration.ofMinutes(30), installed);
        assertThat(due).isNotEmpty();

        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Callable<List<ReportService.Report>> instance = () -> reports.catchUp(now);
            List<Future<List<ReportService.Report>>> runs = two.invokeAll(List.of(instance, instance));
            List<String> made = new ArrayList<>();
            for (Future<List<ReportService.Report>> f : runs) {
                f.get().forEach(r -> made.add(r.type() + " " + r.from()));
            }
            Collections.sort(made);
            List<String> expected = new ArrayList<>(due.stream().map(p -> p.type() + " " + p.from()).toList());
            Collections.sort(expected);
            // each due period made by exactly one of the two (unless an earlier run of this test's JVM made it)
            assertThat(made).doesNotHaveDuplicates();
            assertThat(expected).containsAll(made);
        } finally {
            two.shutdown();
        }
        for (Period p : due) {
            try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT count(*) FROM report WHERE trigger = 'SCHEDULED' AND type = '" + p.type() + "' AND period_from = '" + p.from() + "'")) {
                rs.next();
                assertThat(rs.getInt(1)).as(p.toString()).isEqualTo(1);
            }
        }
        assertThat(reports.catchUp(now)).isEmpty();
        JsonPath list = as("auditor").get("/api/v1/reports").then().statusCode(200).extract().jsonPath();
        assertThat(list.getList("findAll { it.trigger == 'SCHEDULED' }.requestedBy")).containsOnly("system");
        String text = new String(reports.file(list.getLong("find { it.trigger == 'SCHEDULED' }.id"), "data.csv").bytes(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("section,clause,subject,metric,value,unit\n");
    }
}
