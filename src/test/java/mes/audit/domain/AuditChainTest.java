package mes.audit.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditChainTest {

    private static final Instant T = Instant.parse("2026-11-25T10:00:00.123456Z");

    private static AuditRecord record(long id, String after) {
        return new AuditRecord(id, T.plusSeconds(id), "operator", "START", "work_order", "WO-1", "{\"state\": \"RELEASED\"}", after);
    }

    /** A chain of n entries as the writer builds it: each links to the previous hash. */
    private static List<String[]> chain(List<AuditRecord> records) {
        List<String[]> out = new ArrayList<>();
        String previous = AuditChain.GENESIS;
        for (AuditRecord r : records) {
            String hash = AuditChain.hash(previous, r);
            out.add(new String[] {previous, hash});
            previous = hash;
        }
        return out;
    }

    @Test
    void theHashIsSha256HexAndDependsOnEveryField() {
        AuditRecord r = record(1, "{\"state\": \"RUNNING\"}");
        String h = AuditChain.hash(AuditChain.GENESIS, r);
        assertThat(h).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(AuditChain.hash(AuditChain.GENESIS, r)).isEqualTo(h);
        List<AuditRecord> variants = List.of(
                new AuditRecord(2, r.occurredAt(), r.actor(), r.action(), r.entityType(), r.entityId(), r.before(), r.after()),
                new AuditRecord(1, r.occurredAt().plusNanos(1000), r.actor(), r.action(), r.entityType(), r.entityId(), r.before(), r.after()),
                new AuditRecord(1, r.occurredAt(), "admin", r.action(), r.entityType(), r.entityId(), r.before(), r.after()),
                new AuditRecord(1, r.occurredAt(), r.actor(), "HOLD", r.entityType(), r.entityId(), r.before(), r.after()),
                new AuditRecord(1, r.occurredAt(), r.actor(), r.action(), "lot", r.entityId(), r.before(), r.after()),
                new AuditRecord(1, r.occurredAt(), r.actor(), r.action(), r.entityType(), "WO-2", r.before(), r.after()),
                new AuditRecord(1, r.occurredAt(), r.actor(), r.action(), r.entityType(), r.entityId(), null, r.after()),
                new AuditRecord(1, r.occurredAt(), r.actor(), r.action(), r.entityType(), r.entityId(), r.before(), "{\"state\": \"HELD\"}"));
        for (AuditRecord v : variants) {
            assertThat(AuditChain.hash(AuditChain.GENESIS, v)).as(v.toString()).isNotEqualTo(h);
        }
        assertThat(AuditChain.hash("1".repeat(64), r)).isNotEqualTo(h);
    }

    @Test
    void fieldsAreLengthPrefixedSoThatShiftingCharactersBetweenThemChangesTheHash() {
        AuditRecord a = new AuditRecord(1, T, "ab", "c", "t", "i", null, null);
        AuditRecord b = new AuditRecord(1, T, "a", "bc", "t", "i", null, null);
        assertThat(AuditChain.hash(AuditChain.GENESIS, a)).isNotEqualTo(AuditChain.hash(AuditChain.GENESIS, b));
        AuditRecord empty = new AuditRecord(1, T, "a", "b", "t", "i", "", null);
        AuditRecord absent = new AuditRecord(1, T, "a", "b", "t", "i", null, null);
        assertThat(AuditChain.hash(AuditChain.GENESIS, empty)).isNotEqualTo(AuditChain.hash(AuditChain.GENESIS, absent));
    }

    @Test
    void anIntactChainVerifies() {
        List<AuditRecord> records = List.of(record(1, "{}"), record(2, "{}"), record(5, "{\"x\": 1}"));
        List<String[]> links = chain(records);
        AuditChain.Verifier v = new AuditChain.Verifier();
        for (int i = 0; i < records.size(); i++) {
            v.next(records.get(i), links.get(i)[0], links.get(i)[1]);
        }
        assertThat(v.checked()).isEqualTo(3);
        assertThat(v.firstBroken()).isNull();
    }

    @Test
    void aChangedEntryIsTheFirstBrokenOne() {
        List<AuditRecord> records = List.of(record(1, "{}"), record(2, "{\"good\": 10}"), record(3, "{}"));
        List<String[]> links = chain(records);
        AuditChain.Verifier v = new AuditChain.Verifier();
        v.next(records.get(0), links.get(0)[0], links.get(0)[1]);
        v.next(record(2, "{\"good\": 1000}"), links.get(1)[0], links.get(1)[1]); // content edited, hash kept
        v.next(records.get(2), links.get(2)[0], links.get(2)[1]);
        assertThat(v.firstBroken()).isEqualTo(2);
        assertThat(v.checked()).isEqualTo(3);
    }

    @Test
    void aRemovedEntryBreaksTheLinkOfTheNext() {
        List<AuditRecord> records = List.of(record(1, "{}"), record(2, "{}"), record(3, "{}"));
        List<String[]> links = chain(records);
        AuditChain.Verifier v = new AuditChain.Verifier();
        v.next(records.get(0), links.get(0)[0], links.get(0)[1]);
        v.next(records.get(2), links.get(2)[0], links.get(2)[1]);
        assertThat(v.firstBroken()).isEqualTo(3);
    }

    @Test
    void anEntryWhoseHashWasRecomputedStillBreaksTheNextLink() {
        List<AuditRecord> records = List.of(record(1, "{}"), record(2, "{}"), record(3, "{}"));
        List<String[]> links = chain(records);
        AuditRecord forged = record(2, "{\"forged\": true}");
        String forgedHash = AuditChain.hash(links.get(1)[0], forged);
        AuditChain.Verifier v = new AuditChain.Verifier();
        v.next(records.get(0), links.get(0)[0], links.get(0)[1]);
        v.next(forged, links.get(1)[0], forgedHash);
        v.next(records.get(2), links.get(2)[0], links.get(2)[1]);
        assertThat(v.firstBroken()).isEqualTo(3);
    }

    @Test
    void timesAreWholeMicrosecondsAsTheDatabaseKeepsThem() {
        assertThatThrownBy(() -> new AuditRecord(1, T.plusNanos(1), "a", "b", "c", "d", null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuditRecord(1, T, "", "b", "c", "d", null, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
