package mes.security;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import mes.security.domain.LoginThrottle;

/**
 * Checks user names and passwords against app_user (bcrypt), with login throttling and a short
 * cache of verified Basic credentials; and looks up the current roles of a user whose session
 * or proxy header says who they are. Plain JDBC: it runs on worker threads outside any request.
 */
@ApplicationScoped
public class UserDirectory {

    /** A user as the security layer needs it. */
    public record Login(String username, String passwordHash, Set<String> roles, boolean active, String language) {
    }



    private record Remembered(byte[] digest, Login login, Instant until) {
    }

    private record Trusted(SecurityIdentity identity, Instant until) {
    }

    private static final java.time.Duration TRUSTED_FOR = java.time.Duration.ofSeconds(5);

    /** Compared against when the user does not exist, so that both cases take as long. */
    private static final String DUMMY_HASH = BcryptUtil.bcryptHash("no such user");

    @Inject
    mes.security.persistence.Logins logins;

    @Inject
    SecurityConfig config;

    @Inject
    Clock clock;

    private final byte[] salt = new byte[16];
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();
    private final Map<String, Trusted> trusted = new ConcurrentHashMap<>();
    private LoginThrottle users;
    private LoginThrottle addresses;

    @jakarta.annotation.PostConstruct
    void init() {
        new SecureRandom().nextBytes(salt);
        SecurityConfig.Throttle t = config.throttle();
        users = new LoginThrottle(new LoginThrottle.Policy(t.allowedFailures(), t.window(), t.firstLock(), t.maxLock()));
        addresses = new LoginThrottle(new LoginThrottle.Policy(t.allowedFailuresPerAddress(), t.window(), t.firstLock(), t.maxLock()));
    }

    /** Verifies a user name and password; throws when wrong, inactive or locked. */
    public SecurityIdentity check(String username, char[] password, String address) {
        Instant now = clock.instant();
        String userKey = username.toLowerCase();
        byte[] digest = digest(username, password);
        Remembered r = remembered.get(username);
        if (r != null && now.isBefore(r.until()) && MessageDigest.isEqual(r.digest(), digest)) {
            return identity(r.login());
        }
        synchronized (this) {
            Instant locked = later(users.lockedUntil(userKey, now), addresses.lockedUntil(address, now));
            if (locked != null) {
                throw new AuthenticationFailedException("login of '" + username + "' is locked until " + locked);
            }
        }
        Optional<Login> user = find(username);
        boolean ok = BcryptUtil.matches(new String(password), user.map(Login::passwordHash).orElse(DUMMY_HASH))
                && user.isPresent() && user.get().active();
        synchronized (this) {
            if (!ok) {
                Instant until = later(users.failed(userKey, now), addresses.failed(address, now));
                users.prune(now);
                addresses.prune(now);
                if (until != null) {
                    Log.warnf("Login of '%s' from %s failed again: locked until %s", username, address, until);
                }
                throw new AuthenticationFailedException("wrong user name or password");
            }
            users.succeeded(userKey);
        }
        Login login = user.get();
        if (!config.credentialCache().isZero()) {
            remembered.put(username, new Remembered(digest, login, now.plus(config.credentialCache())));
        }
        return identity(login);
    }

    /**
     * The identity of a user the session cookie names, with their current roles; empty if gone or
     * inactive. Kept for a few seconds, as pages are polled; a change to the user forgets it.
     */
    public Optional<SecurityIdentity> trusted(String username) {
        Instant now = clock.instant();
        Trusted t = trusted.get(username);
        if (t != null && now.isBefore(t.until())) {
            return Optional.of(t.identity());
        }
        Optional<SecurityIdentity> identity = find(username).filter(Login::active).map(UserDirectory::identity);
        identity.ifPresentOrElse(i -> trusted.put(username, new Trusted(i, now.plus(TRUSTED_FOR))), () -> trusted.remove(username));
        return identity;
    }

    /** Until when a user name is locked out, for the login page's message. */
    public Optional<Instant> lockedUntil(String username) {
        synchronized (this) {
            return Optional.ofNullable(users.lockedUntil(username.toLowerCase(), clock.instant()));
        }
    }

    /** Forgets what was verified for a user (password, roles or active changed). */
    public void forget(String username) {
        remembered.remove(username);
        trusted.remove(username);
    }

    public Optional<Login> find(String username) {
        return logins.find(username).map(r -> new Login(r.username(), r.passwordHash(), r.roles(), r.active(), r.language()));
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    private static SecurityIdentity identity(Login login) {
        QuarkusSecurityIdentity.Builder b = QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(login.username()))
                .addRoles(login.roles());
        if (login.language() != null) {
            b.addAttribute(mes.kernel.Language.IDENTITY_ATTRIBUTE, login.language());
        }
        return b.build();
    }

    private byte[] digest(String username, char[] password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            sha.update(username.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(new String(password).getBytes(StandardCharsets.UTF_8));
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
