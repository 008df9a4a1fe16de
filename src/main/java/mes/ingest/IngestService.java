package mes.ingest;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import mes.ingest.MachineDirectory.KnownMachine;
import mes.ingest.config.IngestConfig;
import mes.ingest.domain.Decoded;
import mes.ingest.domain.DecodedPayload;
import mes.ingest.domain.Horizon;
import mes.ingest.domain.SensorMessageDecoder;
import mes.ingest.persistence.FactWriter;
import mes.ingest.persistence.FactWriter.Facts;

/**
 * The one entry point of sensor payloads, whatever their source (HTTP, Pub/Sub, the
 * simulator): decode, validate, store the facts of the valid messages and quarantine the
 * rejected ones, all in one transaction. When this returns, everything is committed; when it
 * throws, nothing is, and the caller must not acknowledge.
 */
@ApplicationScoped
public class IngestService {

    private final SensorMessageDecoder decoder = new SensorMessageDecoder();

    @Inject
    MachineDirectory directory;

    @Inject
    FactWriter facts;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    IngestConfig config;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry metrics;

    @Transactional
    public IngestReport ingest(byte[] payload, IngestSource source) {
        metrics.counter("mes.ingest.payloads", "source", source.name()).increment();
        DecodedPayload decoded = decoder.decode(payload);
        if (decoded instanceof DecodedPayload.Unusable unusable) {
            quarantine(List.of(new Quarantined(null, unusable.reason(), payload)), source);
            return IngestReport.unusable(unusable.reason());
        }
        List<Decoded> items = ((DecodedPayload.Messages) decoded).items();
        Horizon horizon = new Horizon(config.retention(), config.futureSkew());
        Instant now = clock.instant();
        List<Facts> valid = new ArrayList<>();
        List<IngestReport.Rejection> rejected = new ArrayList<>();
        List<Quarantined> quarantined = new ArrayList<>();
        Set<LocalDate> days = new HashSet<>();
        for (Decoded item : items) {
            String reason = null;
            String machineId = null;
            if (item instanceof Decoded.Rejected r) {
                reason = r.reason();
                machineId = r.machineId();
            } else if (item instanceof Decoded.Valid v) {
                machineId = v.message().machineId();
                Optional<KnownMachine> machine = directory.machine(machineId);
                Optional<String> outside = horizon.check(v.message().ts(), now);
                if (machine.isEmpty()) {
                    reason = "machineId '" + machineId + "' is not a registered machine";
                } else if (outside.isPresent()) {
                    reason = outside.get();
                } else {
                    int[] sensorIds = v.message().values().keySet().stream()
                            .mapToInt(name -> directory.sensorId(machine.get(), name)).toArray();
                    valid.add(new Facts(v.message(), sensorIds));
                    if (!v.message().values().isEmpty()) {
                        days.add(FactWriter.dayOf(v.message().ts()));
                    }
                }
            }
            if (reason != null) {
                rejected.add(new IngestReport.Rejection(item.index(), reason));
                quarantined.add(new Quarantined(machineId, reason, item.raw()));
            }
        }
        try {
            facts.ensurePartitions(days);
            boolean[] duplicate = facts.write(valid);
            int duplicates = 0;
            for (boolean d : duplicate) {
                duplicates += d ? 1 : 0;
            }
            quarantine(quarantined, source);
            metrics.counter("mes.ingest.messages", "outcome", "accepted").increment(valid.size() - duplicates);
            metrics.counter("mes.ingest.messages", "outcome", "duplicate").increment(duplicates);
            metrics.counter("mes.ingest.messages", "outcome", "rejected").increment(rejected.size());
            return new IngestReport(valid.size() - duplicates, duplicates, List.copyOf(rejected), null);
        } catch (SQLException e) {
            throw new IngestFailedException(e);
        }
    }

    private record Quarantined(String machineId, String reason, byte[] raw) {
    }

    private void quarantine(List<Quarantined> rejected, IngestSource source) {
        if (rejected.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO quarantined_message (source, machine_id, reason, raw) VALUES (?, ?, ?, ?)")) {
            for (Quarantined q : rejected) {
                ps.setString(1, source.name());
                ps.setString(2, q.machineId());
                ps.setString(3, q.reason());
                ps.setBytes(4, q.raw());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IngestFailedException(e);
        }
    }

    /** The database refused or could not take the batch; nothing of it was committed. */
    public static class IngestFailedException extends RuntimeException {
        public IngestFailedException(SQLException cause) {
            super("storing the batch failed: " + cause.getMessage(), cause);
        }
    }
}
