package mes.oee;

import static mes.support.Api.as;
import static mes.support.Api.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import mes.oee.OeeService.Figures;
import mes.oee.OeeService.GroupBy;
import mes.oee.OeeService.Scope;
import mes.oee.domain.Interval;
import mes.oee.domain.OeeElements;
import mes.oee.domain.Slots;
import mes.support.Api;
import mes.support.Db;
import org.junit.jupiter.api.Test;

/**
 * The quarter-hour rollups give the figures of the raw computation (the definition), for whole
 * windows, unaligned windows and every groupBy, over facts that went through ingestion in a
 * shuffled order; and still do after late data and an operator's reason land in quarter hours
 * already rolled up.
 */
@QuarkusTest
class OeeRollupTest {

    @Inject
    OeeService oee;

    @Inject
    OeeRollupJob job;

    @Inject
    AgroalDataSource db;

    record Plant(String site, String line, String machine, String other) {
    }

    /** A site in Berlin with breaks on and off the quarter hours, and a shift that ends off them; two machines. */
    static Plant plant() {
        Api.Hierarchy h = Api.hierarchy("Europe/Berlin");
        List<String> machines = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String m = id("M");
            as("admin").body(Map.of("name", m, "lineId", h.line(), "idealCycleTimeSeconds", 7.5, "heartbeatTimeoutSeconds", 90))
                    .put("/api/v1/machines/" + m).then().statusCode(201);
            machines.add(m);
        }
        as("admin").body("""
                {"shifts": [
                  {"name": "early", "days": ["MON","TUE","WED","THU","FRI","SAT","SUN"], "start": "06:00", "end": "14:00",
                   "breaks": [{"start": "09:10", "end": "09:40"}]},
                  {"name": "late", "days": ["MON","TUE","WED","THU","FRI","SAT","SUN"], "start": "14:00", "end": "21:50",
                   "breaks": [{"start": "18:00", "end": "18:30"}]},
                  {"name": "night", "days": ["MON","TUE","WED","THU","FRI","SAT","SUN"], "start": "22:00", "end": "06:00",
                   "breaks": [{"start": "02:05", "end": "02:20"}]}]}
                """).put("/api/v1/sites/" + h.site() + "/calendar").then().statusCode(200);
        return new Plant(h.site(), h.line(), machines.get(0), machines.get(1));
    }

    /** Ten hours of a machine: random states with reasons, counters with a reset, two work orders, two silences. */
    static List<String> stream(String machine, Instant from, long seed) {
        Random random = new Random(seed);
        String[] states = {"RUNNING", "RUNNING", "RUNNING", "IDLE", "DOWN", "SETUP", "PLANNED_STOP"};
        List<String> out = new ArrayList<>();
        long good = 500;
        long scrap = 3;
        String state = "RUNNING";
        for (Instant t = from; t.isBefore(from.plus(10, ChronoUnit.HOURS)); t = t.plusSeconds(15 + random.nextInt(30))) {
            long minute = Duration.between(from, t).toMinutes();
            if ((minute >= 130 && minute < 150) || (minute >= 400 && minute < 404)) {
                continue; // silent: OFFLINE after the heartbeat timeout
            }
            if (random.nextInt(6) == 0) {
                state = states[random.nextInt(states.length)];
            }
            good = random.nextInt(300) == 0 ? random.nextInt(3) : good + (state.equals("RUNNING") ? 1 + random.nextInt(4) : 0);
            scrap += random.nextInt(12) == 0 ? 1 : 0;
            out.add("{\"machineId\":\"" + machine + "\",\"ts\":\"" + t + "\",\"state\":\"" + state + "\""
                    + (state.equals("RUNNING") ? "" : ",\"reason\":\"R" + random.nextInt(3) + "\"")
                    + ",\"workOrder\":\"" + (minute < 300 ? "WO-A" : "WO-B") + "\""
                    + ",\"counters\":{\"good\":" + good + ",\"scrap\":" + scrap + "}}");
        }
        return out;
    }

    static void ingest(List<String> messages, long seed) {
        List<String> shuffled = new ArrayList<>(messages);
        Collections.shuffle(shuffled, new Random(seed));
        for (int i = 0; i < shuffled.size(); i += 200) {
            as("gateway").body("[" + String.join(",", shuffled.subList(i, Math.min(i + 200, shuffled.size()))) + "]")
                    .post("/api/v1/readings").then().statusCode(200);
        }
    }

    long slots(String machine) throws Exception {
        return Db.count(db, "SELECT count(*) FROM oee_slot WHERE machine_id = ?", machine);
    }

    /** Every window and grouping, from rollups and from the raw facts, must agree. */
    void rollupsEqualRaw(Plant p, Instant from, Instant to, String what) {
        List<Interval> windows = List.of(new Interval(from, to),
                new Interval(from.plusSeconds(7 * 60 + 13), to.minusSeconds(11 * 60 + 5)),
                new Interval(from.plusSeconds(3 * 3600), from.plusSeconds(3 * 3600 + 900)));
        for (Interval w : windows) {
            for (GroupBy g : new GroupBy[] {null, GroupBy.hour, GroupBy.shift, GroupBy.day}) {
                if (g == null) { // the DOWN stretches maintenance reads (its stops are their runs)
                    for (String machine : List.of(p.machine(), p.other())) {
                        assertThat(merged(oee.down(machine, w, true))).as(what + " DOWN " + w + " " + machine)
                                .isEqualTo(merged(oee.down(machine, w, false)));
                        // run hours and cycles (preventive maintenance): per quarter hour from rollups, the same sums
                        List<OeeService.Use> pieces = oee.use(machine, w, true);
                        OeeService.Use whole = oee.use(machine, w, false).get(0);
                        assertThat(pieces.stream().mapToDouble(OeeService.Use::runningSeconds).sum()).as(what + " running " + w)
                                .isCloseTo(whole.runningSeconds(), within(1e-6));
                        assertThat(pieces.stream().mapToLong(OeeService.Use::parts).sum()).as(what + " parts " + w).isEqualTo(whole.parts());
                        assertThat(pieces.get(0).period().from()).isEqualTo(w.from());
                        assertThat(pieces.get(pieces.size() - 1).period().to()).isEqualTo(w.to());
                    }
                }
                for (Scope scope : new Scope[] {Scope.machine, Scope.line}) {
                    String id = scope == Scope.machine ? p.machine() : p.line();
                    List<Figures> viaRollups = oee.compute(scope, id, w, g, true);
                    List<Figures> raw = oee.compute(scope, id, w, g, false);
                    assertThat(viaRollups).hasSameSizeAs(raw);
                    for (int i = 0; i < raw.size(); i++) {
                        assertSame(raw.get(i), viaRollups.get(i), what + " " + w + " " + g + " " + scope + " bucket " + i);
                    }
                }
            }
        }
    }

    /** DOWN segments with contiguous ones of the same reason joined (the rollups split them at quarter hours). */
    static List<mes.oee.domain.Segment> merged(List<mes.oee.domain.Segment> down) {
        List<mes.oee.domain.Segment> out = new ArrayList<>();
        for (mes.oee.domain.Segment s : down) {
            mes.oee.domain.Segment last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.period().to().equals(s.period().from()) && java.util.Objects.equals(last.reason(), s.reason())) {
                out.set(out.size() - 1, new mes.oee.domain.Segment(new Interval(last.period().from(), s.period().to()), s.state(), s.reason()));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    static void assertSame(Figures expected, Figures actual, String what) {
        assertThat(actual.window()).isEqualTo(expected.window());
        OeeElements e = expected.elements();
        OeeElements a = actual.elements();
        double[] ev = {e.pot(), e.pdot(), e.pbt(), e.apt(), e.aust(), e.adet(), e.adot(), e.priPq(), e.priGq(), e.priSq()};
        double[] av = {a.pot(), a.pdot(), a.pbt(), a.apt(), a.aust(), a.adet(), a.adot(), a.priPq(), a.priGq(), a.priSq()};
        for (int i = 0; i < ev.length; i++) {
            assertThat(av[i]).as(what + " element " + i).isCloseTo(ev[i], within(1e-6));
        }
        assertThat(new long[] {a.pq(), a.gq(), a.sq()}).as(what + " quantities").containsExactly(e.pq(), e.gq(), e.sq());
        assertThat(actual.lossByReason().keySet()).as(what + " reasons").isEqualTo(expected.lossByReason().keySet());
        expected.lossByReason().forEach((k, v) -> assertThat(actual.lossByReason().get(k)).as(what + " " + k).isCloseTo(v, within(1e-6)));
    }

    @Test
    void rollupsEqualTheRawComputationAlsoAfterLateDataAndOperatorsReasons() throws Exception {
        Plant p = plant();
        Instant from = Instant.now().minus(12, ChronoUnit.HOURS).truncatedTo(ChronoUnit.HOURS);
        Instant to = from.plus(10, ChronoUnit.HOURS);
        ingest(stream(p.machine(), from, 1), 11);
        ingest(stream(p.other(), from, 2), 12);

        assertThat(slots(p.machine())).isZero();
        rollupsEqualRaw(p, from, to, "first");
        assertThat(Db.count(db, "SELECT count(*) FROM oee_slot_down WHERE machine_id = ?", p.machine()))
                .as("the rollups hold the DOWN stretches").isPositive();
        long stored = slots(p.machine());
        assertThat(stored).as("the queries filled rollups").isGreaterThan(20);
        assertThat(slots(p.other())).as("the line's other machine too").isGreaterThan(20);

        // a late message in a rolled-up quarter hour: a stop with a new reason and a counter reset. The first
        // rolled-up quarter hour three hours in (not a fixed time: a break of the calendar, which is never rolled
        // up, falls there at some hours of the day)
        Instant slot;
        try (var c = db.getConnection(); var ps = c.prepareStatement(
                "SELECT min(slot) FROM oee_slot WHERE machine_id = ? AND slot >= ? AND slot < ?")) {
            ps.setString(1, p.machine());
            ps.setTimestamp(2, Timestamp.from(from.plus(3, ChronoUnit.HOURS)));
            ps.setTimestamp(3, Timestamp.from(from.plus(5, ChronoUnit.HOURS)));
            try (var rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getTimestamp(1)).as("a rolled-up quarter hour three to five hours in").isNotNull();
                slot = rs.getTimestamp(1).toInstant();
            }
        }
        Instant late = slot.plusSeconds(7 * 60 + 1);
        Figures before = oee.compute(Scope.machine, p.machine(), new Interval(from, to), null, true).get(0);
        ingest(List.of("{\"machineId\":\"" + p.machine() + "\",\"ts\":\"" + late + "\",\"state\":\"DOWN\",\"reason\":\"LATE_JAM\""
                + ",\"counters\":{\"good\":0,\"scrap\":0}}"), 1);
        assertThat(Db.count(db, "SELECT count(*) FROM oee_slot WHERE machine_id = ? AND slot >= ?", p.machine(),
                Timestamp.from(Slots.floor(late)))).as("the late message dropped its quarter hour and those after").isZero();
        assertThat(Db.count(db, "SELECT count(*) FROM oee_slot WHERE machine_id = ? AND slot < ?", p.machine(),
                Timestamp.from(Slots.floor(late)))).as("and kept those before").isPositive();
        Figures after = oee.compute(Scope.machine, p.machine(), new Interval(from, to), null, true).get(0);
        assertThat(after.lossByReason()).containsKey("LATE_JAM");
        assertThat(after.elements().gq()).isNotEqualTo(before.elements().gq());
        rollupsEqualRaw(p, from, to, "after late data");

        // an operator's reason over rolled-up quarter hours
        Instant reasonFrom = from.plus(5, ChronoUnit.HOURS);
        as("operator").body(Map.of("from", reasonFrom.toString(), "to", reasonFrom.plusSeconds(2400).toString(), "reason", "MATERIAL"))
                .post("/api/v1/machines/" + p.machine() + "/downtime-reasons").then().statusCode(201);
        rollupsEqualRaw(p, from, to, "after an operator's reason");
        assertThat(oee.compute(Scope.machine, p.machine(), new Interval(from, to), null, true).get(0).lossByReason())
                .containsKey("MATERIAL");
    }

    @Test
    void theJobFillsTheQuarterHoursThatEndedWithinTheLookback() throws Exception {
        Plant p = plant();
        Instant now = Instant.now();
        ingest(stream(p.machine(), now.minus(3, ChronoUnit.HOURS), 3), 13);
        job.fill(now);
        Instant end = Slots.floor(now.minus(OeeRollupJob.SETTLE));
        assertThat(Db.count(db, "SELECT count(*) FROM oee_slot WHERE machine_id = ? AND slot >= ? AND slot < ?", p.machine(),
                Timestamp.from(end.minus(24, ChronoUnit.HOURS)), Timestamp.from(end))).isEqualTo(96);
        assertThat(Db.count(db, "SELECT count(*) FROM oee_slot WHERE machine_id = ? AND slot >= ?", p.machine(), Timestamp.from(end)))
                .as("nothing that has not ended").isZero();
        assertThat(job.fill(now)).as("a second run finds nothing to do").isZero();
        Instant from = now.minus(3, ChronoUnit.HOURS);
        rollupsEqualRaw(p, from, now, "filled by the job");
    }
}
