package mes.ingest.web;

import static io.restassured.RestAssured.given;
import static mes.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import mes.security.SigningKeys;
import mes.support.Api;
import mes.support.Db;
import mes.support.SensorStream;
import mes.support.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /pubsub/push: the envelope, the OIDC token check, acknowledgement only after commit or quarantine. */
@QuarkusTest
class PushEndpointTest {

    static final TestTokens GOOGLE = new TestTokens("push-key");
    static final String ISSUER = "https://accounts.google.com";
    static final String AUDIENCE = "https://mes.test/pubsub/push";
    static final String PUSHER = "push@mes-test.iam.gserviceaccount.com";

    @Inject
    SigningKeys keys;

    @Inject
    AgroalDataSource db;

    @BeforeEach
    void publishKeys() throws Exception {
        Files.writeString(Path.of("target/test-push-jwks.json"), GOOGLE.jwks());
        keys.forget();
    }

    static String envelope(String data) {
        return "{\"message\":{\"data\":\"" + Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8))
                + "\",\"attributes\":{\"schemaVersion\":\"1\"},\"messageId\":\"" + Api.id("m") + "\",\"publishTime\":\""
                + Instant.now().truncatedTo(ChronoUnit.MILLIS) + "\"},\"subscription\":\"projects/p/subscriptions/push\"}";
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    private long count(String sql, Object arg) throws Exception {
        return Db.count(db, sql, arg);
    }

    @Test
    void aDeliveryWithAValidTokenIsCommittedThenAcknowledged() throws Exception {
        String machine = Api.machine();
        String body = envelope(SensorStream.array(SensorStream.messages(machine, Instant.now().minusSeconds(600), 10, 31)));
        String token = GOOGLE.token(ISSUER, AUDIENCE, PUSHER, Instant.now().plusSeconds(600));
        given().header("Authorization", bearer(token)).contentType(ContentType.JSON).body(body)
                .post("/pubsub/push").then().statusCode(200).body("accepted", equalTo(10));
        assertThat(count("SELECT count(*) FROM ingested_message WHERE machine_id = ?", machine)).isEqualTo(10);
        // Pub/Sub delivers again: acknowledged, nothing changes
        given().header("Authorization", bearer(token)).contentType(ContentType.JSON).body(body)
                .post("/pubsub/push").then().statusCode(200).body("accepted", equalTo(0)).body("duplicates", equalTo(10));
    }

    @Test
    void aTokenForAnotherAudienceIssuerOrKeyIsRefused() {
        String body = envelope("[]");
        Instant later = Instant.now().plusSeconds(600);
        given().header("Authorization", bearer(GOOGLE.token(ISSUER, "https://other.example/push", PUSHER, later)))
                .body(body).post("/pubsub/push").then().statusCode(401).body("detail", containsString("audience"));
        given().header("Authorization", bearer(GOOGLE.token("https://evil.example", AUDIENCE, PUSHER, later)))
                .body(body).post("/pubsub/push").then().statusCode(401).body("detail", containsString("issuer"));
        given().header("Authorization", bearer(GOOGLE.token(ISSUER, AUDIENCE, "mallory@evil.example", later)))
                .body(body).post("/pubsub/push").then().statusCode(401).body("detail", containsString("service account"));
        given().header("Authorization", bearer(new TestTokens("push-key").token(ISSUER, AUDIENCE, PUSHER, later)))
                .body(body).post("/pubsub/push").then().statusCode(401).body("detail", containsString("signature"));
        given().header("Authorization", bearer(GOOGLE.token(ISSUER, AUDIENCE, PUSHER, Instant.now().minusSeconds(3600))))
                .body(body).post("/pubsub/push").then().statusCode(401).body("detail", containsString("expired"));
        given().body(body).post("/pubsub/push").then().statusCode(401);
    }

    @Test
    void inDevAndTestAGatewayMayPushWithBasicCredentials() {
        String machine = Api.machine();
        String body = envelope(SensorStream.array(SensorStream.messages(machine, Instant.now().minusSeconds(600), 3, 32)));
        as("gateway").body(body).post("/pubsub/push").then().statusCode(200).body("accepted", equalTo(3));
        as("operator").body(body).post("/pubsub/push").then().statusCode(403);
        as("gateway").auth().preemptive().basic("gateway", "wrong").body(body).post("/pubsub/push").then().statusCode(401);
    }

    @Test
    void aBrokenEnvelopeIs400AndABadPayloadIsQuarantinedAndAcknowledged() throws Exception {
        String marker = Api.id("broken");
        as("gateway").body("{\"message\": {\"data\": \"%%%" + marker + "\"}}").post("/pubsub/push").then().statusCode(400)
                .body("detail", containsString("message.data is not valid base64"));
        assertThat(count("SELECT count(*) FROM quarantined_message WHERE source = 'PUSH' AND position(? in convert_from(raw, 'UTF8')) > 0",
                marker)).isEqualTo(1);
        String garbage = "not json " + Api.id("payload");
        String delivery = envelope(garbage);
        as("gateway").body(delivery).post("/pubsub/push").then().statusCode(200).body("accepted", equalTo(0));
        // Pub/Sub pushes the same message again when the 200 got lost: kept once
        as("gateway").body(delivery).post("/pubsub/push").then().statusCode(200).body("accepted", equalTo(0));
        assertThat(count("SELECT count(*) FROM quarantined_message WHERE source = 'PUSH' AND convert_from(raw, 'UTF8') = ?",
                garbage)).isEqualTo(1);

        String longId = delivery.replaceFirst("\"messageId\":\"[^\"]+\"", "\"messageId\":\"" + "9".repeat(101) + "\"");
        as("gateway").body(longId).post("/pubsub/push").then().statusCode(400)
                .body("detail", containsString("message.messageId must be a string of at most 100 characters"));
    }
}
