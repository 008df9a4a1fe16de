package mes.security;

/**
 * Credentials could not be checked because the user directory (the database) is unavailable:
 * not a wrong password. It fails the request (no identity is established); the problem mappers
 * answer it 503 with Retry-After like any request that needs the database then (its cause is the
 * SQLException), so that a gateway retries instead of taking its credentials for wrong, and a
 * form login says "try again later" instead of "wrong password".
 */
public class DirectoryUnavailableException extends RuntimeException {

    public DirectoryUnavailableException(Throwable cause) {
        super("the user directory is unavailable", cause);
    }
}
