package mes.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import mes.audit.AuditTrail;
import mes.kernel.Refusal;

/**
 * Users and their roles, managed by administrators. Every change is in the audit trail (never the
 * password or its hash), forgets the cached credentials of the user, and keeps at least one
 * active administrator.
 */
@ApplicationScoped
public class UserService {

    public static final int MIN_PASSWORD_LENGTH = 10;
    private static final Pattern USERNAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$");

    /** What the audit trail and the API show of a user. */
    public record UserView(String username, String displayName, List<String> roles, boolean active) {
        static UserView of(UserAccount u) {
            return new UserView(u.username, u.displayName, List.copyOf(u.roleSet()), u.active);
        }
    }

    @Inject
    AuditTrail audit;

    @Inject
    UserDirectory directory;

    @Inject
    Clock clock;

    public List<UserView> list() {
        return UserAccount.<UserAccount>listAll(io.quarkus.panache.common.Sort.by("username")).stream().map(UserView::of).toList();
    }

    public UserView get(String username) {
        return UserView.of(find(username));
    }

    @Transactional
    public UserView create(String username, String displayName, List<String> roles, String password) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw Refusal.invalid("user name must be 1-64 letters, digits or _ . @ -, starting with a letter or digit");
        }
        if (UserAccount.findByUsername(username).isPresent()) {
            throw Refusal.conflict("user '" + username + "' exists already");
        }
        UserAccount u = new UserAccount();
        u.username = username;
        u.displayName = displayName(displayName, username);
        u.roles = roles(roles);
        u.setPassword(password(password));
        u.active = true;
        u.updatedAt = clock.instant();
        u.persist();
        audit.record("CREATE", "user", username, null, UserView.of(u));
        return UserView.of(u);
    }

    /** Changes display name, roles and whether the user may log in; null leaves a field alone. */
    @Transactional
    public UserView update(String username, String actor, String displayName, List<String> roles, Boolean active) {
        UserAccount u = find(username);
        UserView before = UserView.of(u);
        if (displayName != null) {
            u.displayName = displayName(displayName, username);
        }
        if (roles != null) {
            u.roles = roles(roles);
        }
        if (active != null) {
            u.active = active;
        }
        if (username.equals(actor) && (!u.active || !u.roleSet().contains(Roles.ADMIN))) {
            throw Refusal.conflict("you cannot deactivate yourself or take away your own ADMIN role");
        }
        u.updatedAt = clock.instant();
        u.flush();
        if (UserAccount.count("active = true and roles like ?1", "%" + Roles.ADMIN + "%") == 0) {
            throw Refusal.conflict("at least one active administrator must remain");
        }
        UserView after = UserView.of(u);
        if (!after.equals(before)) {
            audit.record("UPDATE", "user", username, before, after);
        }
        directory.forget(username);
        return after;
    }

    /**
     * The pages' language a user chose for themselves (null: the browser's). A preference, not a
     * record: not in the audit trail.
     */
    @Transactional
    public void setLanguage(String username, mes.kernel.Language language) {
        UserAccount u = find(username);
        u.language = language == null ? null : language.name();
        directory.forget(username);
    }

    @Transactional
    public void setPassword(String username, String password) {
        UserAccount u = find(username);
        u.setPassword(password(password));
        u.updatedAt = clock.instant();
        audit.record("PASSWORD_RESET", "user", username, null, null);
        directory.forget(username);
    }

    private static UserAccount find(String username) {
        return UserAccount.findByUsername(username).orElseThrow(() -> Refusal.notFound("no user '" + username + "'"));
    }

    private static String displayName(String displayName, String username) {
        String d = displayName == null || displayName.isBlank() ? username : displayName.trim();
        if (d.length() > 200) {
            throw Refusal.invalid("display name is longer than 200 characters");
        }
        return d;
    }

    private static String roles(List<String> roles) {
        if (roles == null || roles.isEmpty()) {
            throw Refusal.invalid("at least one role is required, of " + Roles.ALL);
        }
        Set<String> set = new LinkedHashSet<>();
        for (String r : roles) {
            String role = r == null ? "" : r.trim().toUpperCase();
            if (!Roles.ALL.contains(role)) {
                throw Refusal.invalid("unknown role '" + r + "'; roles are " + Roles.ALL);
            }
            set.add(role);
        }
        return String.join(",", Roles.ALL.stream().filter(set::contains).toList());
    }

    private static String password(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw Refusal.invalid("the password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.length() > 72) {
            throw Refusal.invalid("the password must have at most 72 characters (bcrypt's limit)");
        }
        return password;
    }
}
