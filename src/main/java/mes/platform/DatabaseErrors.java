package mes.platform;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Tells failures that a retry cures (the database is down, restarting, out of connections, a
 * serialization conflict) from those it does not (bad data, a broken constraint).
 */
public final class DatabaseErrors {

    /** SQL states worth a retry besides the connection class 08. */
    private static final Set<String> TRANSIENT_STATES = Set.of(
            "40001", // serialization_failure
            "40P01", // deadlock_detected
            "53300", // too_many_connections
            "57P01", // admin_shutdown
            "57P02", // crash_shutdown
            "57P03"); // cannot_connect_now

    private DatabaseErrors() {
    }

    public static boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException || t instanceof ConnectException
                    || t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || TRANSIENT_STATES.contains(state))) {
                    return true;
                }
                if (state == null && String.valueOf(sql.getMessage()).contains("acquisition timeout")) {
                    return true; // Agroal: no connection could be had in time
                }
            }
        }
        return false;
    }

    /**
     * True when the database refused a text it cannot store: a NUL character (U+0000), which
     * PostgreSQL's text never holds, or one its encoding cannot represent. Bad input, not a fault.
     */
    public static boolean isUnstorableText(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && ("22021".equals(sql.getSQLState()) || "22P05".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** The innermost message, for logs and quarantine reasons. */
    public static String describe(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.length() > 300 ? message.substring(0, 300) + "..." : message;
    }
}
