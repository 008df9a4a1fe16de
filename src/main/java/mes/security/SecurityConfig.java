package mes.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Who may log in, and how logins are checked. */
@ConfigMapping(prefix = "mes.security")
public interface SecurityConfig {

    /**
     * Create the demo users (admin, supervisor, operator, quality, auditor, gateway), each
     * with its user name as password. Only the dev and test profiles turn this on.
     */
    @WithDefault("false")
    boolean demoUsers();

    /** The first administrator, created when no ADMIN exists yet (prod: from Secret Manager). */
    BootstrapAdmin bootstrapAdmin();

    /** Login throttling against password guessing, per user name and per client address. */
    Throttle throttle();

    /**
     * How long a verified user name and password are remembered for HTTP Basic calls, so that an
     * integration does not pay bcrypt on every request. Changing or deactivating the user forgets
     * them at once on this instance; other instances within this time. 0 turns it off.
     */
    @WithDefault("60s")
    Duration credentialCache();

    interface BootstrapAdmin {
        /** User name of the first administrator. */
        @WithDefault("admin")
        String username();

        /** Password of the first administrator; without it no administrator is created. */
        Optional<String> password();
    }

    interface Throttle {
        /** Failed logins of one user name allowed within the window before it is locked. */
        @WithDefault("5")
        int allowedFailures();

        /**
         * Failed logins from one client address allowed within the window. High, because a
         * plant's terminals often share one address.
         */
        @WithDefault("50")
        int allowedFailuresPerAddress();

        /** The window failures are counted in. */
        @WithDefault("15m")
        Duration window();

        /** The first lock; each further failure doubles it. */
        @WithDefault("30s")
        Duration firstLock();

        /** The longest lock. */
        @WithDefault("15m")
        Duration maxLock();
    }
}
