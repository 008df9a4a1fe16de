package mes.audit.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash chain of the audit trail. Each entry's hash is SHA-256 over the previous entry's hash
 * and every field of the entry, each field length-prefixed so that no two different entries
 * encode alike. Changing, inserting or removing an entry in the middle breaks the chain from
 * there on.
 */
public final class AuditChain {

    /** The previous hash of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    public static String hash(String previousHash, AuditRecord r) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        field(sha, previousHash);
        field(sha, Long.toString(r.id()));
        field(sha, r.occurredAt().toString());
        field(sha, r.actor());
        field(sha, r.action());
        field(sha, r.entityType());
        field(sha, r.entityId());
        field(sha, r.before());
        field(sha, r.after());
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void field(MessageDigest sha, String value) {
        if (value == null) {
            sha.update("-1:".getBytes(StandardCharsets.US_ASCII));
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        sha.update(bytes);
    }

    /** Walks a chain in order; the first entry that does not link or does not match its hash. */
    public static final class Verifier {
        private String previous = GENESIS;
        private long checked;
        private Long firstBroken;

        /** Checks the next stored entry with its stored previous hash and hash. */
        public void next(AuditRecord r, String storedPrevious, String storedHash) {
            checked++;
            if (firstBroken == null && (!previous.equals(storedPrevious) || !hash(storedPrevious, r).equals(storedHash))) {
                firstBroken = r.id();
            }
            previous = storedHash;
        }

        public long checked() {
            return checked;
        }

        /** The id of the first broken entry, or null when the chain is intact. */
        public Long firstBroken() {
            return firstBroken;
        }
    }
}
