package mes.ingest;

import static mes.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mes.support.Api;
import mes.support.EmbeddedPostgresControl;
import mes.support.SensorStream;
import org.junit.jupiter.api.Test;

/** The pipeline's guarantees, against the real database: exactly-once effects, order independence, failures. */
@QuarkusTest
class IngestPipelineTest {

    @Inject
    IngestBatcher batcher;

    @Inject
    AgroalDataSource db;

    @Inject
    MeterRegistry metrics;

    private static IngestRequest request(String json, IngestSource source) {
        return new IngestRequest(json.getBytes(StandardCharsets.UTF_8), source, Instant.now());
    }

    private IngestReport ingest(String json) throws Exception {
        return batcher.submit(request(json, IngestSource.PUBSUB), true).get(30, TimeUnit.SECONDS);
    }

    private List<String> rows(String sql, Object... args) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<String> out = new ArrayList<>();
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= columns; i++) {
                        row.append(i > 1 ? "|" : "").append(rs.getString(i));
                    }
                    out.add(row.toString());
                }
                return out;
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Every stored fact of a machine, without its id, in a stable order. */
    private List<String> facts(String machine) throws SQLException {
        List<String> facts = new ArrayList<>();
        // ::text: the server's own rendering, the same however often the driver has run the query
        // (from the fifth time it reads binary, and a double 61 then reads "61.0")
        facts.addAll(rows("SELECT 'state', ts::text, state, reason, seq::text FROM machine_state_event WHERE machine_id = ? ORDER BY ts",
                machine));
        facts.addAll(rows("SELECT 'counter', ts::text, good::text, scrap::text FROM counter_sample WHERE machine_id = ? ORDER BY ts",
                machine));
        facts.addAll(rows("SELECT 'reading', s.name, r.ts::text, r.value::text FROM sensor_reading r"
                + " JOIN machine_sensor s ON s.id = r.sensor_id WHERE s.machine_id = ? ORDER BY s.name, r.ts", machine));
        facts.addAll(rows("SELECT 'status', state, reason, state_since::text, state_ts::text, last_message_ts::text"
                + " FROM machine_status WHERE machine_id = ?", machine));
        return facts;
    }

    private static Instant start() {
        return Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    }

    @Test
    void duplicatesAndRedeliveryLeaveEveryFigureUnchanged() throws Exception {
        String machine = Api.machine();
        String payload = SensorStream.array(SensorStream.messages(machine, start(), 50, 1));
        IngestReport first = ingest(payload);
        assertThat(first.accepted()).isEqualTo(50);
        List<String> once = facts(machine);
        assertThat(once).hasSize(50 - 7 + 43 + 100 + 1); // states, counters (7 values-only), 2 readings each, status

        IngestReport again = ingest(payload);
        assertThat(again.accepted()).isZero();
        assertThat(again.duplicates()).isEqualTo(50);
        // the same payload twice in one batch, as a redelivery racing a gateway retry
        CompletableFuture<IngestReport> a = batcher.submit(request(payload, IngestSource.PUBSUB), true);
        CompletableFuture<IngestReport> b = batcher.submit(request(payload, IngestSource.HTTP), false);
        assertThat(a.get(30, TimeUnit.SECONDS).duplicates() + b.get(30, TimeUnit.SECONDS).duplicates()).isEqualTo(100);
        assertThat(facts(machine)).isEqualTo(once);

        // a message repeated inside one payload counts once
        String other = Api.machine();
        String one = SensorStream.messages(other, start(), 1, 2).get(0);
        IngestReport twice = ingest(SensorStream.array(List.of(one, one)));
        assertThat(twice.accepted()).isEqualTo(1);
        assertThat(twice.duplicates()).isEqualTo(1);
        assertThat(rows("SELECT count(*) FROM sensor_reading r JOIN machine_sensor s ON s.id = r.sensor_id"
                + " WHERE s.machine_id = ?", other)).containsExactly("2");
    }

    /** Batches that took the careful path of deduplication (a message in them was stored before). */
    private double carefulBatches() {
        return metrics.counter("mes.ingest.dedupe.careful").count();
    }

    @Test
    void aPayloadPartlyStoredBeforeAddsOnlyItsNewMessages() throws Exception {
        String machine = Api.machine();
        String reference = Api.machine();
        Instant start = start();
        List<String> messages = SensorStream.messages(machine, start, 40, 11);
        double careful = carefulBatches();
        assertThat(ingest(SensorStream.array(messages.subList(0, 25))).accepted()).isEqualTo(25);
        assertThat(carefulBatches()).as("all new: the optimistic COPY path").isEqualTo(careful);

        IngestReport report = ingest(SensorStream.array(messages)); // a gateway resends the first 25 with 15 new ones
        assertThat(report.accepted()).isEqualTo(15);
        assertThat(report.duplicates()).isEqualTo(25);
        assertThat(carefulBatches()).as("the copy stopped at a stored key and the batch was deduplicated row by row")
                .isEqualTo(careful + 1);

        ingest(SensorStream.array(SensorStream.messages(reference, start, 40, 11))); // the same stream in one go
        assertThat(facts(machine)).isEqualTo(facts(reference)).hasSizeGreaterThan(100);
        assertThat(rows("SELECT count(*) FROM ingested_message WHERE machine_id = ?", machine)).containsExactly("40");

        // the optimistic COPY writes what the careful path writes for the optional fields too
        String ts = start.plusSeconds(600).toString();
        String partial = "{\"machineId\":\"%s\",\"ts\":\"%s\",\"counters\":{\"good\":7},\"workOrder\":\"WO-Ø-17\"}";
        ingest(String.format(partial, machine, ts));
        ingest("[" + String.format(partial, machine, ts) + "," + String.format(partial, reference, ts) + "]");
        assertThat(carefulBatches()).isEqualTo(careful + 2);
        assertThat(rows("SELECT machine_id, good, scrap, work_order FROM counter_sample WHERE machine_id IN (?, ?)"
                + " AND ts = ?::timestamptz", machine, reference, ts))
                .containsExactlyInAnyOrder(machine + "|7|null|WO-Ø-17", reference + "|7|null|WO-Ø-17");
    }

    @Test
    void shuffledArrivalGivesTheSameStoredFacts() throws Exception {
        String inOrder = Api.machine();
        String shuffled = Api.machine();
        Instant start = start();
        List<String> ordered = SensorStream.messages(inOrder, start, 120, 7);
        for (int i = 0; i < ordered.size(); i += 10) {
            ingest(SensorStream.array(ordered.subList(i, i + 10)));
        }
        List<String> mixed = new ArrayList<>(SensorStream.messages(shuffled, start, 120, 7));
        Collections.shuffle(mixed, new Random(99));
        int i = 0;
        Random chunks = new Random(5);
        while (i < mixed.size()) {
            int n = 1 + chunks.nextInt(25);
            ingest(SensorStream.array(mixed.subList(i, Math.min(i + n, mixed.size()))));
            i += n;
        }
        assertThat(facts(shuffled)).isEqualTo(facts(inOrder)).hasSizeGreaterThan(300);
    }

    @Test
    void aTransientFailureInsideABatchAcknowledgesNothingAndTheRetryCommitsOnce() throws Exception {
        String machine = Api.machine();
        execute("CREATE SEQUENCE IF NOT EXISTS fail_once");
        execute("CREATE OR REPLACE FUNCTION fail_once() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF NEW.machine_id = '" + machine + "' AND nextval('fail_once') = 1 THEN"
                + " RAISE EXCEPTION 'injected serialization failure' USING ERRCODE = '40001'; END IF;"
                + " RETURN NEW; END $$");
        execute("CREATE TRIGGER fail_once BEFORE INSERT ON counter_sample FOR EACH ROW EXECUTE FUNCTION fail_once()");
        try {
            List<String> messages = SensorStream.messages(machine, start(), 30, 3);
            // an HTTP sender is answered 503 at once and retries by itself...
            as("gateway").body(SensorStream.array(messages.subList(0, 10))).post("/api/v1/readings").then().statusCode(503);
            assertThat(facts(machine)).isEmpty();
            // ...a Pub/Sub message is held, retried, and acknowledged only once it is committed
            execute("ALTER SEQUENCE fail_once RESTART");
            IngestReport report = ingest(SensorStream.array(messages));
            assertThat(report.accepted()).isEqualTo(30);
            assertThat(rows("SELECT count(*) FROM ingested_message WHERE machine_id = ?", machine)).containsExactly("30");
            assertThat(rows("SELECT count(*) FROM sensor_reading r JOIN machine_sensor s ON s.id = r.sensor_id"
                    + " WHERE s.machine_id = ?", machine)).containsExactly("60");
            as("gateway").body(SensorStream.array(messages.subList(0, 10))).post("/api/v1/readings").then().statusCode(200);
        } finally {
            execute("DROP TRIGGER fail_once ON counter_sample");
        }
    }

    @Test
    void aPoisonPayloadIsQuarantinedWhileTheRestOfItsBatchCommits() throws Exception {
        String poisoned = Api.machine();
        String healthy = Api.machine();
        execute("CREATE OR REPLACE FUNCTION refuse_machine() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF NEW.machine_id = '" + poisoned + "' THEN"
                + " RAISE EXCEPTION 'injected constraint failure' USING ERRCODE = '23514'; END IF;"
                + " RETURN NEW; END $$");
        execute("CREATE TRIGGER refuse_machine BEFORE INSERT ON machine_state_event FOR EACH ROW EXECUTE FUNCTION refuse_machine()");
        try {
            String bad = SensorStream.array(SensorStream.messages(poisoned, start(), 5, 4));
            CompletableFuture<IngestReport> p = batcher.submit(request(bad, IngestSource.PUBSUB), true);
            CompletableFuture<IngestReport> h = batcher.submit(request(
                    SensorStream.array(SensorStream.messages(healthy, start(), 5, 4)), IngestSource.PUBSUB), true);
            assertThat(h.get(30, TimeUnit.SECONDS).accepted()).isEqualTo(5);
            assertThat(p.get(30, TimeUnit.SECONDS).unusable()).contains("could not be stored").contains("injected constraint failure");
            assertThat(facts(poisoned)).isEmpty();
            assertThat(rows("SELECT count(*) FROM quarantined_message WHERE raw = ?", (Object) bad.getBytes(StandardCharsets.UTF_8)))
                    .containsExactly("1");
        } finally {
            execute("DROP TRIGGER refuse_machine ON machine_state_event");
        }
    }

    @Test
    void aRejectedDeliveryCommittedButNotAcknowledgedIsQuarantinedOnceWhenDeliveredAgain() throws Exception {
        String machine = Api.machine();
        String unknown = "NOT-REGISTERED-" + machine;
        String mixed = "[" + SensorStream.messages(machine, start(), 1, 9).get(0) + ",{\"machineId\":\"" + unknown
                + "\",\"ts\":\"" + start() + "\",\"values\":{\"t\":1}}]";
        String garbage = "not json " + machine;
        byte[] garbageBytes = garbage.getBytes(StandardCharsets.UTF_8);
        Instant published = Instant.parse("2026-11-26T04:00:00.123456789Z");
        for (int attempt = 0; attempt < 2; attempt++) { // the second attempt is Pub/Sub's redelivery: the same id and publish time
            batcher.submit(IngestRequest.delivered(mixed.getBytes(StandardCharsets.UTF_8), IngestSource.PUBSUB, published,
                    "m-" + machine), true).get(30, TimeUnit.SECONDS);
            batcher.submit(IngestRequest.delivered(garbageBytes, IngestSource.PUBSUB, published, "g-" + machine), true)
                    .get(30, TimeUnit.SECONDS);
        }
        assertThat(rows("SELECT delivery, reason FROM quarantined_message WHERE machine_id = ?", unknown))
                .containsExactly("m-" + machine + "@" + published + "#1|machineId '" + unknown + "' is not a registered machine");
        assertThat(rows("SELECT delivery FROM quarantined_message WHERE raw = ?", (Object) garbageBytes))
                .containsExactly("g-" + machine + "@" + published);
        assertThat(rows("SELECT count(*) FROM sensor_reading r JOIN machine_sensor s ON s.id = r.sensor_id WHERE s.machine_id = ?",
                machine)).containsExactly("2");

        // a payload published again is a new delivery (a new message id); the same id from another topic or broker
        // (published at another time) is another message; a post has no identity: each is kept
        batcher.submit(IngestRequest.delivered(garbageBytes, IngestSource.PUBSUB, published, "g2-" + machine), true)
                .get(30, TimeUnit.SECONDS);
        batcher.submit(IngestRequest.delivered(garbageBytes, IngestSource.PUBSUB, published.plusSeconds(3600), "g-" + machine), true)
                .get(30, TimeUnit.SECONDS);
        batcher.submit(request(garbage, IngestSource.HTTP), true).get(30, TimeUnit.SECONDS);
        batcher.submit(request(garbage, IngestSource.HTTP), true).get(30, TimeUnit.SECONDS);
        assertThat(rows("SELECT source, delivery FROM quarantined_message WHERE raw = ? ORDER BY id", (Object) garbageBytes))
                .containsExactly("PUBSUB|g-" + machine + "@" + published, "PUBSUB|g2-" + machine + "@" + published,
                        "PUBSUB|g-" + machine + "@" + published.plusSeconds(3600), "HTTP|null", "HTTP|null");
    }

    @Test
    void theDatabaseStoppedMidStreamLosesNothingAndDoublesNothing() throws Exception {
        String machine = Api.machine();
        List<String> messages = SensorStream.messages(machine, start(), 200, 8);
        EmbeddedPostgresControl postgres = new EmbeddedPostgresControl();
        List<CompletableFuture<IngestReport>> results = new ArrayList<>();
        for (int i = 0; i < 50; i += 10) {
            results.add(batcher.submit(request(SensorStream.array(messages.subList(i, i + 10)), IngestSource.PUBSUB), true));
        }
        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        postgres.stop();
        try {
            for (int i = 50; i < 200; i += 10) {
                results.add(batcher.submit(request(SensorStream.array(messages.subList(i, i + 10)), IngestSource.PUBSUB), true));
                // a redelivery of a payload that may or may not have been committed before the stop
                results.add(batcher.submit(request(SensorStream.array(messages.subList(i - 10, i)), IngestSource.PUBSUB), true));
            }
            Thread.sleep(1_500);
            assertThat(results.subList(5, results.size())).as("nothing is acknowledged while the database is down")
                    .noneMatch(CompletableFuture::isDone);
            as("gateway").body(SensorStream.array(messages.subList(0, 1))).post("/api/v1/readings").then().statusCode(503)
                    .header("Retry-After", "10");
            // credentials not in the cache cannot be checked now: 503 too, not a 401 that would tell a gateway its password is wrong
            io.restassured.RestAssured.given().auth().preemptive().basic("gateway-" + machine, "any password")
                    .contentType("application/json").body(SensorStream.array(messages.subList(0, 1))).post("/api/v1/readings")
                    .then().statusCode(503).header("Retry-After", "10").contentType("application/problem+json");
            io.restassured.RestAssured.given().redirects().follow(false).formParam("j_username", "gateway-" + machine)
                    .formParam("j_password", "any password").post("/j_security_check").then().statusCode(503);
        } finally {
            postgres.start();
        }
        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        int accepted = results.stream().mapToInt(f -> f.join().accepted()).sum();
        assertThat(accepted).isEqualTo(200);
        assertThat(rows("SELECT count(*) FROM ingested_message WHERE machine_id = ?", machine)).containsExactly("200");
        assertThat(rows("SELECT count(*) FROM sensor_reading r JOIN machine_sensor s ON s.id = r.sensor_id"
                + " WHERE s.machine_id = ?", machine)).containsExactly("400");
        assertThat(batcher.isDatabaseDown()).isFalse();
    }
}
