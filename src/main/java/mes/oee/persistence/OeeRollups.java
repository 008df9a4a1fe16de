package mes.oee.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mes.oee.domain.CounterIncrements;
import mes.oee.domain.Interval;
import mes.oee.domain.MachineTimeline;
import mes.oee.domain.OeeCalculator.Output;
import mes.equipment.domain.MachineState;
import mes.oee.domain.Segment;
import mes.oee.domain.Slots;
import mes.oee.persistence.OeeFacts.MachineFacts;

/**
 * The stored quarter-hour rollups of OEE (V6, {@link Slots}): read as sums per machine and
 * bucket, filled from the raw facts where missing, dropped where new facts arrive.
 *
 * <p>Consistency: filling a machine's slots holds its exclusive advisory lock from before it
 * reads the facts until its rollups commit; whoever writes facts takes the shared lock before
 * deleting the slots those facts touch. Either the writer commits first and the filler reads its
 * facts, or the filler commits first and the writer deletes what it stored.
 */
@ApplicationScoped
public class OeeRollups {

    /** The first key of the advisory locks (the second is hashtext(machine id)). */
    public static final int LOCK_CLASS = 0x0EE;

    /** Summed rollups of one machine in one bucket. */
    public record BucketSum(String machineId, int bucket, Slots.Sum sum) {
    }

    // The slots come as an array (a hashed = ANY), the buckets as their ascending start times
    // (width_bucket): a join with an unnested array is misestimated into a nested loop.
    private static final String WHERE = " WHERE r.machine_id = ANY(?) AND r.slot >= ? AND r.slot < ? AND r.slot = ANY(?::timestamptz[])";

    private static final String SUMS = "SELECT r.machine_id, width_bucket(r.slot, ?::timestamptz[]) - 1, count(*),"
            + " sum(r.pdot), sum(r.apt), sum(r.aust), sum(r.adet), sum(r.adot) FROM oee_slot r" + WHERE + " GROUP BY 1, 2";

    private static final String LOSS = "SELECT r.machine_id, width_bucket(r.slot, ?::timestamptz[]) - 1, r.reason, sum(r.seconds)"
            + " FROM oee_slot_loss r" + WHERE + " GROUP BY 1, 2, 3";

    private static final String OUTPUT = "SELECT r.machine_id, width_bucket(r.slot, ?::timestamptz[]) - 1, r.work_order,"
            + " sum(r.good), sum(r.scrap) FROM oee_slot_output r" + WHERE + " GROUP BY 1, 2, 3";

    @Inject
    AgroalDataSource dataSource;

    /**
     * The stored rollups summed per machine and bucket. A sum's slot count tells whether all of
     * the bucket's slots were there (compare with what was asked; {@link #fill} the rest).
     *
     * @param slots slot starts, ascending
     * @param bucketStarts the start of each bucket, ascending (a slot belongs to the last bucket starting at or before it)
     */
    public List<BucketSum> sums(List<String> machines, List<Instant> slots, List<Instant> bucketStarts) throws SQLException {
        if (machines.isEmpty() || slots.isEmpty()) {
            return List.of();
        }
        Map<String, Map<Integer, double[]>> times = new LinkedHashMap<>();
        Map<String, Map<Integer, Map<String, Double>>> loss = new HashMap<>();
        Map<String, Map<Integer, Map<String, Output>>> output = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = prepare(c, SUMS, machines, slots, bucketStarts); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    times.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getInt(2), new double[] {
                        rs.getLong(3), rs.getDouble(4), rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getDouble(8)});
                }
            }
            try (PreparedStatement ps = prepare(c, LOSS, machines, slots, bucketStarts); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    loss.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).computeIfAbsent(rs.getInt(2), k -> new LinkedHashMap<>())
                            .put(rs.getString(3), rs.getDouble(4));
                }
            }
            try (PreparedStatement ps = prepare(c, OUTPUT, machines, slots, bucketStarts); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String workOrder = rs.getString(3);
                    output.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).computeIfAbsent(rs.getInt(2), k -> new LinkedHashMap<>())
                            .put(workOrder.isEmpty() ? null : workOrder, new Output(rs.getLong(4), rs.getLong(5)));
                }
            }
        }
        List<BucketSum> out = new ArrayList<>();
        times.forEach((machine, byBucket) -> byBucket.forEach((bucket, t) -> out.add(new BucketSum(machine, bucket,
                new Slots.Sum((int) t[0], t[1], t[2], t[3], t[4], t[5],
                        loss.getOrDefault(machine, Map.of()).getOrDefault(bucket, Map.of()),
                        output.getOrDefault(machine, Map.of()).getOrDefault(bucket, Map.of()))))));
        return out;
    }

    /** A stored slot's use of the machine: seconds RUNNING (its APT, the slot being wholly planned) and every part counted in it. */
    public record SlotUse(Instant slot, double runningSeconds, long parts) {
    }

    /** The use of a machine's stored slots in [from, to), by slot start. */
    public Map<Instant, SlotUse> use(String machineId, Instant from, Instant to) throws SQLException {
        Map<Instant, SlotUse> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT s.slot, s.apt, s.parts FROM oee_slot s WHERE s.machine_id = ? AND s.slot >= ? AND s.slot < ? ORDER BY s.slot""")) {
            ps.setString(1, machineId);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant slot = rs.getTimestamp(1).toInstant();
                    out.put(slot, new SlotUse(slot, rs.getDouble(2), rs.getLong(3)));
                }
            }
        }
        return out;
    }

    /** The DOWN stretches of a machine's stored slots in [from, to), and which slots were stored (read in one snapshot). */
    public record DownPieces(Set<Instant> slots, List<Segment> down) {
    }

    public DownPieces down(String machineId, Instant from, Instant to) throws SQLException {
        Set<Instant> slots = new HashSet<>();
        List<Segment> down = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT s.slot, d.from_at, d.to_at, d.reason FROM oee_slot s
                LEFT JOIN oee_slot_down d ON d.machine_id = s.machine_id AND d.slot = s.slot
                WHERE s.machine_id = ? AND s.slot >= ? AND s.slot < ? ORDER BY s.slot, d.from_at""")) {
            ps.setString(1, machineId);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    slots.add(rs.getTimestamp(1).toInstant());
                    Timestamp f = rs.getTimestamp(2);
                    if (f != null) {
                        down.add(new Segment(new Interval(f.toInstant(), rs.getTimestamp(3).toInstant()), MachineState.DOWN, rs.getString(4)));
                    }
                }
            }
        }
        return new DownPieces(slots, down);
    }

    private static PreparedStatement prepare(Connection c, String sql, List<String> machines, List<Instant> slots,
            List<Instant> bucketStarts) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.setArray(1, c.createArrayOf("timestamptz", bucketStarts.stream().map(Timestamp::from).toArray()));
        ps.setArray(2, c.createArrayOf("text", machines.toArray()));
        ps.setTimestamp(3, Timestamp.from(slots.get(0)));
        ps.setTimestamp(4, Timestamp.from(slots.get(slots.size() - 1).plus(Slots.LENGTH)));
        ps.setArray(5, c.createArrayOf("timestamptz", slots.stream().map(Timestamp::from).toArray()));
        return ps;
    }

    /**
     * Computes and stores the rollups of those slots the machine lacks, from its raw facts, under
     * its lock. Returns how many it stored.
     */
    public int fill(String machineId, List<Instant> slots) throws SQLException {
        if (slots.isEmpty()) {
            return 0;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))")) {
                    ps.setInt(1, LOCK_CLASS);
                    ps.setString(2, machineId);
                    ps.execute();
                }
                Set<Instant> existing = existing(c, machineId, slots.get(0), slots.get(slots.size() - 1).plus(Slots.LENGTH));
                List<Slots.Rollup> rollups = new ArrayList<>();
                List<Instant> run = new ArrayList<>();
                for (Instant slot : slots) {
                    if (existing.contains(slot)) {
                        continue;
                    }
                    // one read of the facts per run of slots within a UTC day, so memory stays small
                    if (!run.isEmpty() && !day(run.get(0)).equals(day(slot))) {
                        compute(c, machineId, run, rollups);
                        run.clear();
                    }
                    run.add(slot);
                }
                if (!run.isEmpty()) {
                    compute(c, machineId, run, rollups);
                }
                store(c, machineId, rollups);
                c.commit();
                return rollups.size();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static LocalDate day(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC);
    }

    private static void compute(Connection c, String machineId, List<Instant> run, List<Slots.Rollup> into) throws SQLException {
        Interval span = new Interval(run.get(0), run.get(run.size() - 1).plus(Slots.LENGTH));
        MachineFacts f = OeeFacts.facts(c, machineId, span);
        MachineTimeline timeline = new MachineTimeline(f.events(), f.online(), f.manual());
        CounterIncrements increments = CounterIncrements.of(f.samples());
        for (Instant slot : run) {
            into.add(Slots.rollup(slot, timeline, increments));
        }
    }

    private static Set<Instant> existing(Connection c, String machineId, Instant from, Instant to) throws SQLException {
        Set<Instant> out = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT slot FROM oee_slot WHERE machine_id = ? AND slot >= ? AND slot < ?")) {
            ps.setString(1, machineId);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getTimestamp(1).toInstant());
                }
            }
        }
        return out;
    }

    private static void store(Connection c, String machineId, List<Slots.Rollup> rollups) throws SQLException {
        if (rollups.isEmpty()) {
            return;
        }
        List<Timestamp> slot = new ArrayList<>();
        List<Double> pdot = new ArrayList<>();
        List<Double> apt = new ArrayList<>();
        List<Double> aust = new ArrayList<>();
        List<Double> adet = new ArrayList<>();
        List<Double> adot = new ArrayList<>();
        List<Long> parts = new ArrayList<>();
        List<Timestamp> lossSlot = new ArrayList<>();
        List<String> lossReason = new ArrayList<>();
        List<Double> lossSeconds = new ArrayList<>();
        List<Timestamp> outSlot = new ArrayList<>();
        List<String> outOrder = new ArrayList<>();
        List<Long> outGood = new ArrayList<>();
        List<Long> outScrap = new ArrayList<>();
        List<Timestamp> downSlot = new ArrayList<>();
        List<Timestamp> downFrom = new ArrayList<>();
        List<Timestamp> downTo = new ArrayList<>();
        List<String> downReason = new ArrayList<>();
        for (Slots.Rollup r : rollups) {
            for (Segment d : r.down()) {
                downSlot.add(Timestamp.from(r.slot()));
                downFrom.add(Timestamp.from(d.period().from()));
                downTo.add(Timestamp.from(d.period().to()));
                downReason.add(d.reason());
            }
            Timestamp ts = Timestamp.from(r.slot());
            slot.add(ts);
            pdot.add(r.pdot());
            apt.add(r.apt());
            aust.add(r.aust());
            adet.add(r.adet());
            adot.add(r.adot());
            parts.add(r.parts());
            r.lossByReason().forEach((reason, seconds) -> {
                lossSlot.add(ts);
                lossReason.add(reason);
                lossSeconds.add(seconds);
            });
            r.outputByWorkOrder().forEach((order, o) -> {
                outSlot.add(ts);
                outOrder.add(order == null ? "" : order);
                outGood.add(o.good());
                outScrap.add(o.scrap());
            });
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO oee_slot (machine_id, slot, pdot, apt, aust, adet, adot, parts)"
                + " SELECT ?, * FROM unnest(?::timestamptz[], ?::float8[], ?::float8[], ?::float8[], ?::float8[], ?::float8[], ?::int8[])")) {
            ps.setString(1, machineId);
            ps.setArray(2, c.createArrayOf("timestamptz", slot.toArray()));
            ps.setArray(3, c.createArrayOf("float8", pdot.toArray()));
            ps.setArray(4, c.createArrayOf("float8", apt.toArray()));
            ps.setArray(5, c.createArrayOf("float8", aust.toArray()));
            ps.setArray(6, c.createArrayOf("float8", adet.toArray()));
            ps.setArray(7, c.createArrayOf("float8", adot.toArray()));
            ps.setArray(8, c.createArrayOf("int8", parts.toArray()));
            ps.execute();
        }
        if (!lossSlot.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO oee_slot_loss (machine_id, slot, reason, seconds)"
                    + " SELECT ?, * FROM unnest(?::timestamptz[], ?::text[], ?::float8[])")) {
                ps.setString(1, machineId);
                ps.setArray(2, c.createArrayOf("timestamptz", lossSlot.toArray()));
                ps.setArray(3, c.createArrayOf("text", lossReason.toArray()));
                ps.setArray(4, c.createArrayOf("float8", lossSeconds.toArray()));
                ps.execute();
            }
        }
        if (!downSlot.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO oee_slot_down (machine_id, slot, from_at, to_at, reason)"
                    + " SELECT ?, * FROM unnest(?::timestamptz[], ?::timestamptz[], ?::timestamptz[], ?::text[])")) {
                ps.setString(1, machineId);
                ps.setArray(2, c.createArrayOf("timestamptz", downSlot.toArray()));
                ps.setArray(3, c.createArrayOf("timestamptz", downFrom.toArray()));
                ps.setArray(4, c.createArrayOf("timestamptz", downTo.toArray()));
                ps.setArray(5, c.createArrayOf("text", downReason.toArray()));
                ps.execute();
            }
        }
        if (!outSlot.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO oee_slot_output (machine_id, slot, work_order, good, scrap)"
                    + " SELECT ?, * FROM unnest(?::timestamptz[], ?::text[], ?::int8[], ?::int8[])")) {
                ps.setString(1, machineId);
                ps.setArray(2, c.createArrayOf("timestamptz", outSlot.toArray()));
                ps.setArray(3, c.createArrayOf("text", outOrder.toArray()));
                ps.setArray(4, c.createArrayOf("int8", outGood.toArray()));
                ps.setArray(5, c.createArrayOf("int8", outScrap.toArray()));
                ps.execute();
            }
        }
    }

    /**
     * Drops the rollups new facts make stale, in the writer's transaction: for each machine, every
     * slot from the one holding the earliest new ts onwards (a state holds until the next event,
     * an increment is taken against the previous sample, coverage runs forward from ts).
     */
    public static void invalidate(Connection c, Map<String, Instant> earliestByMachine) throws SQLException {
        if (earliestByMachine.isEmpty()) {
            return;
        }
        List<String> machines = new ArrayList<>(earliestByMachine.keySet());
        machines.sort(null);
        List<Timestamp> from = machines.stream().map(m -> Timestamp.from(Slots.floor(earliestByMachine.get(m)))).toList();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT pg_advisory_xact_lock_shared(?, hashtext(m)) FROM unnest(?::text[]) m")) {
            ps.setInt(1, LOCK_CLASS);
            ps.setArray(2, c.createArrayOf("text", machines.toArray()));
            ps.execute();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM oee_slot s USING unnest(?::text[], ?::timestamptz[]) x(m, t)"
                + " WHERE s.machine_id = x.m AND s.slot >= x.t")) {
            ps.setArray(1, c.createArrayOf("text", machines.toArray()));
            ps.setArray(2, c.createArrayOf("timestamptz", from.toArray()));
            ps.execute();
        }
    }

    /** Drops the rollups of the slots a period touches (an operator's reason relabels them). */
    public static void invalidate(Connection c, String machineId, Interval period) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock_shared(?, hashtext(?))")) {
            ps.setInt(1, LOCK_CLASS);
            ps.setString(2, machineId);
            ps.execute();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM oee_slot WHERE machine_id = ? AND slot >= ? AND slot < ?")) {
            ps.setString(1, machineId);
            ps.setTimestamp(2, Timestamp.from(Slots.floor(period.from())));
            ps.setTimestamp(3, Timestamp.from(period.to()));
            ps.execute();
        }
    }
}
