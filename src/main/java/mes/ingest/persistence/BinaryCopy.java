package mes.ingest.persistence;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows for {@code COPY ... FROM STDIN WITH (FORMAT binary)}, built in one growing byte array.
 *
 * <p>Binary because the server then reads each field as it is stored: no text to parse for a
 * timestamp or a double, a quarter to a third of the cost of a reading's row in text COPY
 * (measured, docs/PERFORMANCE.md), and no {@code Double.toString} on this side. The format is
 * PostgreSQL's ("COPY", file formats): a header, per row the number of fields and each field as
 * its length and its bytes in network order (length -1: NULL), a trailer.
 */
public final class BinaryCopy {

    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final byte[] TRAILER = {(byte) 0xFF, (byte) 0xFF};
    /** PostgreSQL's timestamps count microseconds from 2000-01-01T00:00:00Z. */
    private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;

    private byte[] bytes;
    private int size;
    private int rows;

    public BinaryCopy(int expectedBytes) {
        bytes = new byte[Math.max(64, expectedBytes)];
        put(HEADER);
    }

    /** Starts a row of this many fields; the fields follow. */
    public BinaryCopy row(int fields) {
        ensure(2);
        bytes[size++] = (byte) (fields >>> 8);
        bytes[size++] = (byte) fields;
        rows++;
        return this;
    }

    public BinaryCopy int4(int value) {
        ensure(8);
        raw4(4);
        raw4(value);
        return this;
    }

    public BinaryCopy int8(long value) {
        ensure(12);
        raw4(8);
        raw8(value);
        return this;
    }

    /** An int8 column that may be NULL. */
    public BinaryCopy int8(Long value) {
        return value == null ? nullField() : int8(value.longValue());
    }

    public BinaryCopy float8(double value) {
        ensure(12);
        raw4(8);
        raw8(Double.doubleToLongBits(value));
        return this;
    }

    /** A timestamptz, to the microsecond (finer parts are cut, as ingestion only takes milliseconds). */
    public BinaryCopy timestamptz(Instant ts) {
        ensure(12);
        raw4(8);
        raw8(Math.multiplyExact(ts.getEpochSecond() - POSTGRES_EPOCH_SECONDS, 1_000_000L) + ts.getNano() / 1_000);
        return this;
    }

    /** A text column in UTF-8; null is NULL. */
    public BinaryCopy text(String value) {
        if (value == null) {
            return nullField();
        }
        int n = value.length();
        boolean ascii = true;
        for (int i = 0; i < n && ascii; i++) {
            ascii = value.charAt(i) < 0x80;
        }
        if (!ascii) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            ensure(4 + utf8.length);
            raw4(utf8.length);
            put(utf8);
            return this;
        }
        ensure(4 + n);
        raw4(n);
        for (int i = 0; i < n; i++) {
            bytes[size++] = (byte) value.charAt(i);
        }
        return this;
    }

    public BinaryCopy nullField() {
        ensure(4);
        raw4(-1);
        return this;
    }

    public int rows() {
        return rows;
    }

    /**
     * Runs {@code copy} (a {@code COPY ... FROM STDIN WITH (FORMAT binary)}) with these rows on
     * the connection, in its transaction; answers the number of rows the server took.
     */
    public long copyInto(Connection c, String copy) throws SQLException {
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(copy);
        try {
            in.writeToCopy(bytes, 0, size);
            in.writeToCopy(TRAILER, 0, TRAILER.length);
            return in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    private void raw4(int v) {
        bytes[size++] = (byte) (v >>> 24);
        bytes[size++] = (byte) (v >>> 16);
        bytes[size++] = (byte) (v >>> 8);
        bytes[size++] = (byte) v;
    }

    private void raw8(long v) {
        raw4((int) (v >>> 32));
        raw4((int) v);
    }

    private void put(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
