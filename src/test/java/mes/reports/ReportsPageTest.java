package mes.reports;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import mes.support.PageSession;
import org.junit.jupiter.api.Test;

/** The auditor's page: make a report, see it listed, download its files, check its hashes, and see a tampered file named. */
@QuarkusTest
class ReportsPageTest {

    @Test
    void anAuditorMakesAReportDownloadsItAndChecksItsHashes() throws Exception {
        PageSession auditor = PageSession.login("auditor");
        Response made = given().filter(auditor).redirects().follow(false).formParam("type", "daily").post("/reports");
        assertThat(made.statusCode()).isEqualTo(303);
        String location = made.header("Location");
        assertThat(location).contains("/reports/");
        assertThat(mes.support.Flashes.notice(made)).isNotBlank();
        String path = URI.create(location).getPath();
        long id = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));

        given().filter(auditor).get("/reports").then().statusCode(200).body(containsString("href=\"/reports/" + id + "\""));
        given().filter(auditor).get(path).then().statusCode(200).body(containsString("report.pdf")).body(containsString("manifest.sha256"));
        given().filter(auditor).get(path + "/files/report.pdf").then().statusCode(200).contentType("application/pdf")
                .header("Content-Disposition", containsString("attachment"));
        given().filter(auditor).get(path + "/files/report.html").then().statusCode(200)
                .header("Content-Security-Policy", containsString("sandbox")).body(containsString("production and quality report"));
        given().filter(auditor).get(path + "/files/..%2Fsecret").then().statusCode(404);
        given().filter(auditor).get(path + "?verify=true").then().statusCode(200).body(containsString("id=\"verification\">Intact"));

        String csvLocation = mes.support.Api.as("auditor").get("/api/v1/reports/" + id).then().extract().path("location");
        Path csv = Path.of(URI.create(csvLocation)).resolve("report.html");
        String original = Files.readString(csv);
        Files.writeString(csv, original + "<!-- edited -->");
        try {
            given().filter(auditor).get(path + "?verify=true").then().statusCode(200).body(containsString("NOT intact"))
                    .body(containsString("MISMATCH"));
        } finally {
            Files.writeString(csv, original);
        }

        // bad input comes back with the reason; an operator may not see reports, a supervisor may read but not make them
        Response bad = given().filter(auditor).redirects().follow(false).formParam("type", "hourly").post("/reports");
        assertThat(mes.support.Flashes.error(bad)).contains("daily, weekly or monthly");
        given().filter(PageSession.login("operator")).get("/reports").then().statusCode(403);
        PageSession supervisor = PageSession.login("supervisor");
        given().filter(supervisor).get("/reports").then().statusCode(200).body(org.hamcrest.Matchers.not(containsString("id=\"make-report\"")));
        given().filter(supervisor).redirects().follow(false).formParam("type", "daily").post("/reports").then().statusCode(403);
    }
}
