package mes.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import mes.audit.domain.AuditChain;
import mes.audit.domain.AuditRecord;
import mes.audit.persistence.AuditLog;

/**
 * The audit trail (ISO 9001 7.5.3): every create, update and state change of a record, written in
 * the transaction that makes the change, so that the record and its audit entry commit together
 * or not at all. Entries are chained by hash ({@link AuditChain}); writers take one advisory lock
 * for the chain's head until they commit, so ids and the chain follow commit order.
 */
@ApplicationScoped
public class AuditTrail {

    /** The actor of changes no user made (jobs, start-up). */
    public static final String SYSTEM = "system";

    /** One stored entry with its links. */
    public record Entry(AuditRecord record, String previousHash, String hash) {
    }

    /** The result of walking the whole chain. */
    public record Verification(boolean valid, long checked, Long firstBrokenId) {
    }

    @Inject
    AuditLog log;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Inject
    Instance<SecurityIdentity> identity;

    /** Records a change by the current user (or {@link #SYSTEM} outside a request). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String action, String entityType, String entityId, Object before, Object after) {
        record(currentActor(), action, entityType, entityId, before, after);
    }

    /**
     * Records a create (before null), delete (after null) or update, and nothing when the snapshots
     * are equal: idempotent writes (an upsert repeated, a start-up seed) leave no noise.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordChange(String entityType, String entityId, Object before, Object after) {
        if (before != null && after != null && json.valueToTree(before).equals(json.valueToTree(after))) {
            return;
        }
        record(before == null ? "CREATE" : after == null ? "DELETE" : "UPDATE", entityType, entityId, before, after);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String actor, String action, String entityType, String entityId, Object before, Object after) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        AuditLog.Head head = log.lockHead(toJson(before), toJson(after));
        AuditRecord r = new AuditRecord(head.nextId(), now, actor, action, entityType, entityId, head.before(), head.after());
        log.append(r, head.previousHash(), AuditChain.hash(head.previousHash(), r));
    }

    /** Entries in [from, to) (either open), optionally of one record, oldest first, at most limit. */
    public List<Entry> list(Instant from, Instant to, String entityType, String entityId, int limit) {
        return log.find(from, to, entityType, entityId, false, limit);
    }

    /** The newest entries first, for the pages. */
    public List<Entry> latest(String entityType, String entityId, int limit) {
        return log.find(null, null, entityType, entityId, true, limit);
    }

    /** Recomputes every hash in id order (streamed, in a read-only snapshot). */
    @Transactional
    public Verification verify() {
        return verify(null);
    }

    /**
     * The same over the chain as it stood at {@code upTo}: the entries up to the last one that
     * occurred before it (a prefix, so the result does not change as the trail grows).
     */
    @Transactional
    public Verification verify(Instant upTo) {
        AuditChain.Verifier verifier = new AuditChain.Verifier();
        log.forEachInOrder(upTo, e -> verifier.next(e.record(), e.previousHash(), e.hash()));
        return new Verification(verifier.firstBroken() == null, verifier.checked(), verifier.firstBroken());
    }

    /** The current user, or {@link #SYSTEM}. */
    public String currentActor() {
        try {
            SecurityIdentity who = identity.get();
            return who == null || who.isAnonymous() ? SYSTEM : who.getPrincipal().getName();
        } catch (RuntimeException e) { // no request active
            return SYSTEM;
        }
    }

    private String toJson(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write an audit snapshot of " + value.getClass().getSimpleName(), e);
        }
    }
}
