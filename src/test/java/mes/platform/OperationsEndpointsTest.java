package mes.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Health, metrics, the OpenAPI document and the published contract, for operators and integrators. */
@QuarkusTest
class OperationsEndpointsTest {

    @Test
    void readinessIncludesTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsArePublishedForPrometheus() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("http_server_requests_seconds"));
    }

    @Test
    void ingestionIsVisibleInTheMetrics() {
        String machine = mes.support.Api.machine();
        mes.support.Api.as("gateway").body("[{\"machineId\":\"" + machine + "\",\"ts\":\""
                + java.time.Instant.now().minusSeconds(5).truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
                + "\",\"state\":\"IDLE\"}, {\"machineId\":\"nope nope\"}]").post("/api/v1/readings").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("mes_ingest_payloads_total{source=\"HTTP\"}"))
                .body(containsString("mes_ingest_messages_total{outcome=\"accepted\"}"))
                .body(containsString("mes_ingest_messages_total{outcome=\"duplicate\"}"))
                .body(containsString("mes_ingest_rejected_total{reason=\"machineId\"}"))
                .body(containsString("mes_ingest_readings_total{outcome=\"downsampled\"}"))
                .body(containsString("mes_ingest_batch_messages_count"))
                .body(containsString("mes_ingest_batch_commit_seconds{quantile=\"0.99\"}"))
                .body(containsString("mes_ingest_lag_seconds_count"))
                .body(containsString("mes_ingest_outstanding"));
    }

    @Test
    void theOpenApiDocumentDescribesTheStableEndpoints() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/readings'.post", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/v1/machines/{id}'.put", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/v1/sites/{id}/calendar'.put", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/v1/areas'.get", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/v1/lines/{id}'.delete", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/pubsub/push'.post", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/v1/quarantine/{id}/redrive'.post", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void theSensorMessageContractIsPublished() {
        given().get("/contracts/sensor-message.schema.json").then().statusCode(200)
                .body("$id", equalTo("urn:mes:sensor-message:1"));
    }
}
