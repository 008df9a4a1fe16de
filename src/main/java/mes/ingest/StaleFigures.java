package mes.ingest;

import java.time.Instant;
import java.util.Map;

/**
 * What new facts make stale, dropped in the writer's transaction (the data source hands the
 * implementation the transaction's connection) so that no figure is read from before them: the
 * OEE rollups of each machine from its earliest new ts onwards. The feature that keeps such
 * figures implements it (a CDI bean), so ingest depends on none of them.
 */
public interface StaleFigures {

    void invalidate(Map<String, Instant> earliestByMachine);
}
