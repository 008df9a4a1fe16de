package mes.oee;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import mes.oee.config.OeeConfig;
import mes.oee.domain.Slots;
import mes.oee.persistence.OeeFacts;
import mes.oee.persistence.OeeRollups;

/**
 * Fills the OEE rollups of the quarter hours that ended (a minute ago, so most late messages
 * are in) within the lookback, for every machine, so that queries rarely compute one. Safe on
 * several VMs at once: filling holds the machine's lock and skips what exists.
 */
@ApplicationScoped
public class OeeRollupJob {

    /** Quarter hours are filled once they ended this long ago. */
    static final Duration SETTLE = Duration.ofMinutes(1);

    @Inject
    OeeRollups rollups;

    @Inject
    OeeFacts facts;

    @Inject
    OeeConfig config;

    @Inject
    Clock clock;

    @Scheduled(every = "${mes.oee.rollups.every:1m}", delayed = "30s", identity = "oee-rollups",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        if (!config.rollups().enabled()) {
            return;
        }
        try {
            int filled = fill(clock.instant());
            if (filled > 0) {
                Log.debugf("OEE rollups: %d quarter hours filled", filled);
            }
        } catch (SQLException | RuntimeException e) {
            Log.warnf("OEE rollups not filled this time (%s); queries fill what they need", e.toString());
        }
    }

    /** Fills the ended quarter hours of the lookback before now for every machine; returns how many were stored. */
    int fill(Instant now) throws SQLException {
        Instant end = Slots.floor(now.minus(SETTLE));
        List<Instant> slots = new ArrayList<>();
        for (Instant s = Slots.floor(end.minus(config.rollups().lookback())); s.isBefore(end); s = s.plus(Slots.LENGTH)) {
            slots.add(s);
        }
        int filled = 0;
        for (String machine : facts.machineIds()) {
            filled += rollups.fill(machine, slots);
        }
        return filled;
    }
}
