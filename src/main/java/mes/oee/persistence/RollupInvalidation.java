package mes.oee.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import mes.ingest.StaleFigures;

/** New facts make the OEE rollups from their earliest ts onwards stale: dropped in the ingest transaction. */
@ApplicationScoped
public class RollupInvalidation implements StaleFigures {

    @Inject
    AgroalDataSource dataSource;

    @Override
    public void invalidate(Map<String, Instant> earliestByMachine) {
        if (earliestByMachine.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            OeeRollups.invalidate(c, earliestByMachine);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
