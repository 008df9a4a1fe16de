package mes.ingest;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mes.anomaly.AnomalyDetection;
import mes.ingest.MachineDirectory.KnownMachine;
import mes.ingest.config.IngestConfig;
import mes.ingest.domain.Decoded;
import mes.ingest.domain.DecodedPayload;
import mes.ingest.domain.Horizon;
import mes.ingest.domain.SensorMessage;
import mes.ingest.domain.SensorMessageDecoder;
import mes.ingest.persistence.FactWriter;
import mes.ingest.persistence.FactWriter.Facts;

/**
 * Ingests payloads, whatever their source (Pub/Sub, push, HTTP, the simulator): decode,
 * validate, deduplicate, rate-limit, store the facts of the valid messages, run the anomaly
 * detectors on the new ones (alerts) and quarantine the rejected ones, all of a batch in one
 * transaction. When this returns, everything is committed;
 * when it throws, nothing is, and the caller must not acknowledge. Callers normally go through
 * {@link IngestBatcher}, which gathers payloads into batches.
 */
@ApplicationScoped
public class IngestService {

    private final SensorMessageDecoder decoder = new SensorMessageDecoder();

    @Inject
    MachineDirectory directory;

    @Inject
    FactWriter facts;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    IngestConfig config;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry metrics;

    @Inject
    Event<QuarantinedEvent> quarantinedEvents;

    @Inject
    AnomalyDetection anomalies;

    /** A message was put into quarantine; observers see it once the transaction committed. */
    public record QuarantinedEvent(IngestSource source, String machineId, String reason, byte[] raw) {
    }

    /** Several payloads in one transaction; one report per payload, in order. */
    @Transactional
    public List<IngestReport> ingestAll(List<IngestRequest> requests) {
        Horizon horizon = new Horizon(config.retention(), config.futureSkew());
        Instant now = clock.instant();
        List<Facts> valid = new ArrayList<>();
        List<int[]> owners = new ArrayList<>(); // [request, index in payload]
        List<List<IngestReport.Rejection>> rejections = new ArrayList<>();
        List<String> unusable = new ArrayList<>();
        List<Quarantined> quarantined = new ArrayList<>();
        for (int r = 0; r < requests.size(); r++) {
            IngestRequest request = requests.get(r);
            List<IngestReport.Rejection> rejected = new ArrayList<>();
            rejections.add(rejected);
            metrics.counter("mes.ingest.payloads", "source", request.source().name()).increment();
            DecodedPayload decoded = decoder.decode(request.payload());
            if (decoded instanceof DecodedPayload.Unusable u) {
                unusable.add(u.reason());
                if (request.redriveOf() == null) {
                    quarantined.add(new Quarantined(request.source(), null, u.reason(), request.payload(), request.deliveryId()));
                }
                metrics.counter("mes.ingest.rejected", "reason", "unusable payload").increment();
                continue;
            }
            unusable.add(null);
            for (Decoded item : ((DecodedPayload.Messages) decoded).items()) {
                String reason = null;
                String machineId = null;
                if (item instanceof Decoded.Rejected bad) {
                    reason = bad.reason();
                    machineId = bad.machineId();
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
                        valid.add(new Facts(v.message(), sensorIds, true, machine.get().heartbeatTimeoutSeconds()));
                        owners.add(new int[] {r, item.index()});
                    }
                }
                if (reason != null) {
                    rejected.add(new IngestReport.Rejection(item.index(), reason));
                    if (request.redriveOf() == null) { // a re-drive that fails again leaves the original as it is
                        quarantined.add(new Quarantined(request.source(), machineId, reason, item.raw(),
                                request.deliveryId() == null ? null : request.deliveryId() + "#" + item.index()));
                    }
                    metrics.counter("mes.ingest.rejected", "reason", reasonClass(reason)).increment();
                }
            }
        }
        try {
            facts.ensurePartitions(FactWriter.partitionsFor(valid));
            List<Facts> budgeted = new ArrayList<>(valid.size());
            for (Facts f : valid) {
                boolean within = rateLimiter.withinBudget(f.message().machineId(), f.message().values().size());
                budgeted.add(within ? f : new Facts(f.message(), f.sensorIds(), false, f.heartbeatTimeoutSeconds()));
            }
            if (budgeted.stream().anyMatch(f -> !f.withinBudget())) {
                facts.ensurePartitions(FactWriter.partitionsFor(budgeted));
            }
            FactWriter.Written written = facts.write(budgeted);
            List<SensorMessage> fresh = new ArrayList<>(budgeted.size());
            for (int i = 0; i < budgeted.size(); i++) {
                if (!written.duplicate()[i]) {
                    fresh.add(budgeted.get(i).message());
                }
            }
            try (Connection c = dataSource.getConnection()) {
                anomalies.process(c, fresh);
            }
            quarantine(quarantined);
            int[] accepted = new int[requests.size()];
            int[] duplicates = new int[requests.size()];
            for (int i = 0; i < budgeted.size(); i++) {
                int owner = owners.get(i)[0];
                if (written.duplicate()[i]) {
                    duplicates[owner]++;
                } else {
                    accepted[owner]++;
                }
            }
            List<IngestReport> reports = new ArrayList<>(requests.size());
            for (int r = 0; r < requests.size(); r++) {
                reports.add(new IngestReport(accepted[r], duplicates[r], List.copyOf(rejections.get(r)), unusable.get(r)));
                if (requests.get(r).redriveOf() != null && rejections.get(r).isEmpty() && unusable.get(r) == null) {
                    markRedriven(requests.get(r).redriveOf());
                }
                metrics.counter("mes.ingest.messages", "outcome", "accepted").increment(accepted[r]);
                metrics.counter("mes.ingest.messages", "outcome", "duplicate").increment(duplicates[r]);
                metrics.counter("mes.ingest.messages", "outcome", "rejected").increment(rejections.get(r).size());
            }
            metrics.counter("mes.ingest.readings", "outcome", "stored").increment(written.readings());
            metrics.counter("mes.ingest.readings", "outcome", "downsampled").increment(written.downsampledReadings());
            return reports;
        } catch (SQLException e) {
            throw new IngestFailedException(e);
        }
    }

    /** Keeps a payload that could not be stored (a poison message) in quarantine, in its own transaction. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void quarantineUnstorable(IngestRequest request, String reason) {
        quarantine(List.of(new Quarantined(request.source(), null, reason, request.payload(), request.deliveryId())));
        metrics.counter("mes.ingest.rejected", "reason", "unstorable").increment();
    }

    /** A short class of a rejection reason for the metrics (the field it names, or the rule). */
    static String reasonClass(String reason) {
        if (reason.contains("not a registered machine")) {
            return "unknown machine";
        }
        if (reason.contains("retention horizon")) {
            return "too old";
        }
        if (reason.contains("in the future")) {
            return "in the future";
        }
        if (reason.startsWith("the message object is")) {
            return "oversize";
        }
        if (reason.startsWith("the message carries no data")) {
            return "no data";
        }
        if (reason.startsWith("element is")) {
            return "not an object";
        }
        // the field the reason names: "values.t must be a number" -> "values"
        String field = reason.split("[ .:]", 2)[0];
        return field.length() > 40 ? field.substring(0, 40) : field;
    }

    private void markRedriven(long quarantineId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE quarantined_message SET redriven_at = now() WHERE id = ?")) {
            ps.setLong(1, quarantineId);
            ps.executeUpdate();
        }
    }

    /** A rejected message or payload; {@code delivery} its identity at the source, or null (see V11). */
    private record Quarantined(IngestSource source, String machineId, String reason, byte[] raw, String delivery) {
    }

    /**
     * Keeps the rejected in quarantine, each delivery once: one that is there already (a
     * redelivery of a payload whose first delivery was committed but not acknowledged) is neither
     * stored nor published to the dead-letter topic again. Rejections are rare, so one statement
     * each.
     */
    private void quarantine(List<Quarantined> rejected) {
        if (rejected.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO quarantined_message (source, machine_id, reason, raw, delivery)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (source, delivery) WHERE delivery IS NOT NULL DO NOTHING")) {
            for (Quarantined q : rejected) {
                ps.setString(1, q.source().name());
                ps.setString(2, q.machineId());
                ps.setString(3, q.reason());
                ps.setBytes(4, q.raw());
                ps.setString(5, q.delivery());
                if (ps.executeUpdate() == 1) {
                    quarantinedEvents.fire(new QuarantinedEvent(q.source(), q.machineId(), q.reason(), q.raw()));
                } else {
                    metrics.counter("mes.ingest.quarantine.redelivered").increment();
                }
            }
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
