package mes.production;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import mes.oee.domain.CounterIncrements;
import mes.oee.domain.CounterSample;
import mes.oee.domain.Interval;

/**
 * What the machine counters made in given periods: the increments of the counting machines'
 * samples (resets handled as in OEE) whose ts falls in one of the periods.
 */
@ApplicationScoped
public class Counts {

    /** Good and scrap parts counted. */
    public record Counted(long good, long scrap) {
        public static final Counted NONE = new Counted(0, 0);
    }

    private static final String SAMPLES = """
            (SELECT ts, good, scrap FROM counter_sample WHERE machine_id = ? AND ts < ? AND good IS NOT NULL ORDER BY ts DESC LIMIT 1)
            UNION
            (SELECT ts, good, scrap FROM counter_sample WHERE machine_id = ? AND ts < ? AND scrap IS NOT NULL ORDER BY ts DESC LIMIT 1)
            UNION
            (SELECT ts, good, scrap FROM counter_sample WHERE machine_id = ? AND ts >= ? AND ts < ?)""";

    /** Parts counted at an instant (good plus scrap). */
    public record Tick(Instant at, long count) {
    }

    @Inject
    AgroalDataSource db;

    /** Every counter increment of the machines in [from, to), good plus scrap, in time order. */
    public List<Tick> ticks(List<String> machines, Interval window) {
        List<Tick> out = new ArrayList<>();
        samples(machines, window.from(), window.to(), increments -> increments.forEachIn(window, i -> out.add(new Tick(i.ts(),
                i.good() + i.scrap()))));
        out.sort(Comparator.comparing(Tick::at));
        return out;
    }

    private void samples(List<String> machines, Instant from, Instant to, java.util.function.Consumer<CounterIncrements> each) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(SAMPLES)) {
            for (String machine : machines) {
                ps.setString(1, machine);
                ps.setTimestamp(2, Timestamp.from(from));
                ps.setString(3, machine);
                ps.setTimestamp(4, Timestamp.from(from));
                ps.setString(5, machine);
                ps.setTimestamp(6, Timestamp.from(from));
                ps.setTimestamp(7, Timestamp.from(to));
                List<CounterSample> samples = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        samples.add(new CounterSample(rs.getTimestamp(1).toInstant(), (Long) rs.getObject(2), (Long) rs.getObject(3)));
                    }
                }
                each.accept(CounterIncrements.of(samples));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Counted in(List<String> machines, List<Interval> periods) {
        List<Interval> windows = periods.stream().filter(p -> !p.isEmpty()).sorted(Comparator.comparing(Interval::from)).toList();
        if (machines.isEmpty() || windows.isEmpty()) {
            return Counted.NONE;
        }
        Instant from = windows.get(0).from();
        Instant to = windows.stream().map(Interval::to).max(Comparator.naturalOrder()).orElseThrow();
        long[] sum = new long[2];
        samples(machines, from, to, increments -> {
            for (Interval w : windows) {
                increments.forEachIn(w, i -> {
                    sum[0] += i.good();
                    sum[1] += i.scrap();
                });
            }
        });
        return new Counted(sum[0], sum[1]);
    }
}
