package mes.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Who may log in when the application starts. */
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

    interface BootstrapAdmin {
        /** User name of the first administrator. */
        @WithDefault("admin")
        String username();

        /** Password of the first administrator; without it no administrator is created. */
        Optional<String> password();
    }
}
