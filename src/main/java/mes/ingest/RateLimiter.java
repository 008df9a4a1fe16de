package mes.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import mes.ingest.config.IngestConfig;
import mes.ingest.domain.ReadingBudget;

/** One {@link ReadingBudget} per machine, against the wall clock (a flood is a matter of arrival). */
@ApplicationScoped
public class RateLimiter {

    private final Map<String, ReadingBudget> budgets = new ConcurrentHashMap<>();

    @Inject
    IngestConfig config;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry metrics;

    /** True when the machine's readings of one message are within its budget. */
    public boolean withinBudget(String machineId, int readings) {
        if (!config.rateLimit().enabled() || readings == 0) {
            return true;
        }
        ReadingBudget budget = budgets.computeIfAbsent(machineId,
                id -> new ReadingBudget(config.rateLimit().readingsPerSecond(), config.rateLimit().burst()));
        boolean within;
        synchronized (budget) {
            within = budget.tryTake(readings, clock.instant());
        }
        if (!within) {
            metrics.counter("mes.ingest.rate.limited", "machine", machineId).increment();
        }
        return within;
    }

    /** Forgets all budgets (tests). */
    public void reset() {
        budgets.clear();
    }
}
