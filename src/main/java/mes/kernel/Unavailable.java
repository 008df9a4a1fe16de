package mes.kernel;

/**
 * Nothing was done because something the MES needs is down or full for now (the database, the
 * ingest queue); the same request later can succeed. The web answers 503 with Retry-After.
 */
public class Unavailable extends RuntimeException {

    public Unavailable(String message) {
        super(message);
    }

    public Unavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
