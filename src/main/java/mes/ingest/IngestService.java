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
import mes.ingest.MachineDirectory.KnownMachine;
import mes.ingest.config.IngestConfig;
import mes.ingest.domain.Decoded;
import mes.ingest.domain.DecodedPayload;
import mes.ingest.domain.Horizon;
import mes.ingest.domain.SensorMessage;
import mes.ingest.domain.SensorMessageDecoder;
import mes.ingest.persistence.FactWriter.Facts;
import mes.ingest.persistence.FactWriter;

/**
 * Ingests payloads, whatever their source (Pub/Sub, push, HTTP, the simulator), in two steps.
 * {@link #prepare}: decode, validate, rate-limit, with no transaction. {@link #store}: deduplicate,
 * store the facts of the valid messages, run the anomaly detectors on the new ones (alerts) and
 * quarantine the rejected ones, all of a batch in one transaction. When {@code store} returns,
 * everything is committed; when it throws, nothing is, and the caller must not acknowledge.
 * {@link IngestBatcher} drives both: it gathers payloads into batches and prepares the next batch
 * while the last one is being written.
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
    FreshMessages detectors;

    /** A message was put into quarantine; observers see it once the transaction committed. */
    public record QuarantinedEvent(IngestSource source, String machineId, String reason, byte[] raw) {
    }

    /**
     * A payload decoded, validated and measured against the rate budget: all of ingesting it that
     * needs no transaction, so that it can be done while the previous batch is being written.
     * {@code facts} are its valid messages (a message over the budget is marked so), {@code
     * unusable} the reason when nothing of it could be read.
     */
    record Prepared(IngestRequest request, List<Facts> facts, List<IngestReport.Rejection> rejected, String unusable,
            List<Quarantined> quarantined) {
    }

    /** Decodes and validates a payload and takes its readings from the rate budget; stores nothing. */
    Prepared prepare(IngestRequest request) {
        metrics.counter("mes.ingest.payloads", "source", request.source().name()).increment();
        DecodedPayload decoded = decoder.decode(request.payload());
        if (decoded instanceof DecodedPayload.Unusable u) {
            metrics.counter("mes.ingest.rejected", "reason", "unusable payload").increment();
            List<Quarantined> quarantined = request.redriveOf() == null
                    ? List.of(new Quarantined(request.source(), null, u.reason(), request.payload(), request.deliveryId()))
                    : List.of();
            return new Prepared(request, List.of(), List.of(), u.reason(), quarantined);
        }
        Horizon horizon = new Horizon(config.retention(), config.futureSkew());
        Instant now = clock.instant();
        List<Facts> valid = new ArrayList<>();
        List<IngestReport.Rejection> rejected = new ArrayList<>();
        List<Quarantined> quarantined = new ArrayList<>();
        for (Decoded item : ((DecodedPayload.Messages) decoded).items()) {
            String reason = null;
            String machineId = null;
            if (item instanceof Decoded.Rejected bad) {
                reason = bad.reason();
                machineId = bad.machineId();
            } else if (item instanceof Decoded.Valid v) {
                SensorMessage message = v.message();
                machineId = message.machineId();
                Optional<KnownMachine> machine = directory.machine(machineId);
                Optional<String> outside = horizon.check(message.ts(), now);
                if (machine.isEmpty()) {
                    reason = "machineId '" + machineId + "' is not a registered machine";
                } else if (outside.isPresent()) {
                    reason = outside.get();
                } else {
                    int[] sensorIds = message.values().keySet().stream()
                            .mapToInt(name -> directory.sensorId(machine.get(), name)).toArray();
                    boolean within = rateLimiter.withinBudget(machineId, message.values().size());
                    valid.add(new Facts(message, sensorIds, within, machine.get().heartbeatTimeoutSeconds()));
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
        return new Prepared(request, valid, rejected, null, quarantined);
    }

    /**
     * Stores prepared payloads in one transaction: their facts (duplicates found and skipped),
     * the detectors' alerts on the new messages, the rejected in quarantine. One report per
     * payload, in order.
     */
    @Transactional
    List<IngestReport> store(List<Prepared> payloads) {
        List<Facts> batch = new ArrayList<>();
        List<Quarantined> quarantined = new ArrayList<>();
        for (Prepared p : payloads) {
            batch.addAll(p.facts());
            quarantined.addAll(p.quarantined());
        }
        try {
            facts.ensurePartitions(FactWriter.partitionsFor(batch));
            FactWriter.Written written = facts.write(batch);
            List<SensorMessage> fresh = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                if (!written.duplicate()[i]) {
                    fresh.add(batch.get(i).message());
                }
            }
            detectors.process(fresh);
            quarantine(quarantined);
            List<IngestReport> reports = new ArrayList<>(payloads.size());
            int i = 0;
            for (Prepared p : payloads) {
                int accepted = 0;
                int duplicates = 0;
                for (int k = 0; k < p.facts().size(); k++, i++) {
                    if (written.duplicate()[i]) {
                        duplicates++;
                    } else {
                        accepted++;
                    }
                }
                reports.add(new IngestReport(accepted, duplicates, List.copyOf(p.rejected()), p.unusable()));
                if (p.request().redriveOf() != null && p.rejected().isEmpty() && p.unusable() == null) {
                    markRedriven(p.request().redriveOf());
                }
                metrics.counter("mes.ingest.messages", "outcome", "accepted").increment(accepted);
                metrics.counter("mes.ingest.messages", "outcome", "duplicate").increment(duplicates);
                metrics.counter("mes.ingest.messages", "outcome", "rejected").increment(p.rejected().size());
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
    record Quarantined(IngestSource source, String machineId, String reason, byte[] raw, String delivery) {
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
