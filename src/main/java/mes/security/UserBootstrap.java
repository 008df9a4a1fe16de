package mes.security;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Creates the users the application starts with: the demo users in dev and test, and in prod
 * only the first administrator, from a secret, when there is no administrator yet.
 */
@ApplicationScoped
public class UserBootstrap {

    /** The demo users of contracts/api.md: password = user name. */
    public static final Map<String, String> DEMO_USERS;

    static {
        Map<String, String> users = new LinkedHashMap<>();
        users.put("admin", Roles.ADMIN);
        users.put("supervisor", Roles.SUPERVISOR);
        users.put("operator", Roles.OPERATOR);
        users.put("quality", Roles.QUALITY);
        users.put("maintenance", Roles.MAINTENANCE);
        users.put("auditor", Roles.AUDITOR);
        users.put("gateway", Roles.INTEGRATION);
        DEMO_USERS = java.util.Collections.unmodifiableMap(users);
    }

    @Inject
    SecurityConfig config;

    @Inject
    mes.audit.AuditTrail audit;

    @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080")
    int port;

    @Transactional
    void onStart(@Observes @jakarta.annotation.Priority(5) StartupEvent event) { // before the demo plant (10), which grants them qualifications
        if (config.demoUsers()) {
            DEMO_USERS.forEach((name, role) -> ensure(name, name, role));
            Log.infof("Smart MES is up: open http://localhost:%d and log in as operator/operator."
                    + " Demo users (password = user name): %s", port, String.join(", ", DEMO_USERS.keySet()));
        }
        config.bootstrapAdmin().password().filter(p -> !p.isBlank()).ifPresent(password -> {
            if (UserAccount.count("roles like ?1", "%" + Roles.ADMIN + "%") == 0) {
                ensure(config.bootstrapAdmin().username(), password, Roles.ADMIN);
                Log.infof("Created the first administrator '%s' from the bootstrap secret",
                        config.bootstrapAdmin().username());
            }
        });
        if (UserAccount.count() == 0) {
            Log.warn("No users exist and no bootstrap admin password is configured (mes.security.bootstrap-admin.password):"
                    + " nobody can log in");
        }
    }

    private void ensure(String username, String password, String roles) {
        if (UserAccount.findByUsername(username).isPresent()) {
            return;
        }
        UserAccount user = new UserAccount();
        user.username = username;
        user.setPassword(password);
        user.roles = roles;
        user.displayName = username;
        user.persist();
        audit.record(mes.audit.AuditTrail.SYSTEM, "CREATE", "user", username, null, UserService.UserView.of(user));
    }
}
