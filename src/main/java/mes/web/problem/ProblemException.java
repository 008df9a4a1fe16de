package mes.web.problem;

/**
 * A failure that only HTTP has, answered as a problem detail with its status: a push request
 * without an accepted token (401). Rules refuse with {@link mes.kernel.Refusal}, which says
 * nothing about HTTP; this class is for web/ only.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;

    public ProblemException(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
