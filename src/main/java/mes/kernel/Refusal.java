package mes.kernel;

/**
 * A rule of the MES refused what was asked, in words the person asking can act on. Services and
 * domain code throw it; {@code mes.web.problem.ProblemMappers} is the one place that turns it into an
 * RFC 9457 problem (invalid 400, not permitted 403, not found 404, conflict 409), and the pages
 * show its message beside the form.
 */
public class Refusal extends RuntimeException {

    /** Why it was refused; the web maps each to its status. */
    public enum Kind {
        /** The input itself is wrong: missing, malformed, out of range. */
        INVALID,
        /** This person may not do it to this record, whatever their roles (four eyes, own grant, qualification). */
        NOT_PERMITTED,
        /** The record named does not exist. */
        NOT_FOUND,
        /** The record's state does not allow it now (a transition, a duplicate, a blocker). */
        CONFLICT
    }

    private final Kind kind;

    public Refusal(Kind kind, String detail) {
        super(detail);
        this.kind = kind;
    }

    public static Refusal invalid(String detail) {
        return new Refusal(Kind.INVALID, detail);
    }

    public static Refusal notPermitted(String detail) {
        return new Refusal(Kind.NOT_PERMITTED, detail);
    }

    public static Refusal notFound(String detail) {
        return new Refusal(Kind.NOT_FOUND, detail);
    }

    public static Refusal conflict(String detail) {
        return new Refusal(Kind.CONFLICT, detail);
    }

    public Kind kind() {
        return kind;
    }
}
