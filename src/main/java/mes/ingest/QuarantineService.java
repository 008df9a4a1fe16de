package mes.ingest;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import mes.ingest.persistence.QuarantinedMessage;

/** The quarantine: what was rejected, and re-driving a message once its cause is fixed. */
@ApplicationScoped
public class QuarantineService {

    @Inject
    mes.audit.AuditTrail audit;

    /** Filters of the list; each null means "any". */
    public record Filter(String machineId, String reasonContains, Instant from, Instant to, Boolean open) {
    }

    @Inject
    IngestBatcher batcher;

    @Inject
    Clock clock;

    public List<QuarantinedMessage> list(Filter f, int limit) {
        StringBuilder q = new StringBuilder("1 = 1");
        Parameters p = new Parameters();
        if (f.machineId() != null) {
            q.append(" and machineId = :machine");
            p.and("machine", f.machineId());
        }
        if (f.reasonContains() != null) {
            q.append(" and lower(reason) like :reason");
            p.and("reason", "%" + f.reasonContains().toLowerCase().replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (f.from() != null) {
            q.append(" and receivedAt >= :from");
            p.and("from", f.from());
        }
        if (f.to() != null) {
            q.append(" and receivedAt < :to");
            p.and("to", f.to());
        }
        if (f.open() != null) {
            q.append(f.open() ? " and redrivenAt is null" : " and redrivenAt is not null");
        }
        return QuarantinedMessage.<QuarantinedMessage>find(q.toString(), Sort.descending("id"), p)
                .page(Page.ofSize(limit)).list();
    }

    public Optional<QuarantinedMessage> get(long id) {
        return QuarantinedMessage.findByIdOptional(id);
    }

    /**
     * Runs the kept bytes through ingestion again (for example after the machine was registered).
     * On success the entry is marked re-driven in the same transaction; if it is still rejected,
     * the entry stays as it is and the report says why.
     */
    public CompletionStage<IngestReport> redrive(QuarantinedMessage entry) {
        IngestSource source = IngestSource.valueOf(entry.source);
        String actor = audit.currentActor();
        return batcher.submit(new IngestRequest(entry.raw, source, clock.instant(), entry.id), false).thenApply(report -> {
            if (!report.isUnusable() && report.rejected().isEmpty()) {
                io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> audit.record(actor, "REDRIVE",
                        "quarantined_message", Long.toString(entry.id), null,
                        java.util.Map.of("accepted", report.accepted(), "duplicates", report.duplicates())));
            }
            return report;
        });
    }
}
