package mes.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import mes.support.Api;
import mes.support.Flashes;
import mes.support.PageSession;
import org.junit.jupiter.api.Test;

/** A notice reaches the page it was meant for once, from the server; text in a link never shows. */
@QuarkusTest
class FlashTest {

    @Test
    void aLinkCannotPutTextOnAPage() {
        PageSession operator = PageSession.login("operator");
        String page = given().filter(operator).queryParam("notice", "Pay the invoice to IBAN DE00 0000")
                .queryParam("error", "Call 0800 now").get("/alerts").then().statusCode(200).extract().asString();
        assertThat(page).doesNotContain("Pay the invoice").doesNotContain("Call 0800");
        // a forged cookie that is not one of ours shows nothing either
        assertThat(given().filter(operator).cookie("mes-flash", "notice.%%%").get("/alerts").then().statusCode(200).extract().asString())
                .doesNotContain("class=\"notice\" role=\"status\"");
    }

    @Test
    void theServersNoticeShowsOnceOnTheNextPage() {
        String machine = Api.machine();
        PageSession operator = PageSession.login("operator");
        Response posted = given().filter(operator).redirects().follow(false).formParam("from", "2026-01-01T00:00:00Z")
                .formParam("to", "2026-01-01T00:10:00Z").formParam("reason", "").post("/oee/machine/" + machine + "/reason");
        assertThat(Flashes.error(posted)).isEqualTo("Pick a reason or type one (at most 64 characters)");
        String next = posted.header("Location");
        assertThat(given().filter(operator).get(next).then().statusCode(200).extract().asString())
                .contains("Pick a reason or type one");
        assertThat(given().filter(operator).get(next).then().statusCode(200).extract().asString())
                .as("shown once").doesNotContain("Pick a reason or type one");
    }
}
