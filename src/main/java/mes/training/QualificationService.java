package mes.training;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mes.audit.AuditTrail;
import mes.kernel.Refusal;
import mes.security.Roles;
import mes.security.UserService;
import mes.training.domain.Qualifications.Grant;
import mes.training.domain.Qualifications.Requirement;
import mes.training.domain.Qualifications.Standing;
import mes.training.domain.Qualifications;
import mes.training.persistence.QualificationStore;

/**
 * The training matrix (IATF 16949 7.2): the requirements the plant sets, the grants, the check that
 * starting an order, entering an inspection and releasing a lot make, a supervisor's override, and
 * the warnings of grants about to expire. A requirement not set is not checked, so a plant brings
 * its matrix in column by column.
 */
@ApplicationScoped
public class QualificationService {

    /** A row of the matrix: a person and their standing per requirement. */
    public record Row(String username, String displayName, Map<String, Cell> cells) {
    }

    public record Cell(Standing standing, Integer level, Instant validUntil) {
        public String css() {
            return standing.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public record Matrix(List<Requirement> requirements, List<Row> rows) {
    }

    /** A grant about to expire or expired, for the warnings. */
    public record Expiring(Grant grant, Standing standing) {
    }

    @Inject
    QualificationStore store;

    @Inject
    AuditTrail audit;

    @Inject
    UserService users;

    @Inject
    Instance<SecurityIdentity> identity;

    @Inject
    TrainingConfig config;

    @Inject
    Clock clock;

    public List<Requirement> requirements() {
        return store.requirements();
    }

    @Transactional
    public Requirement putRequirement(String kind, String scopeId, Integer minLevel, String description) {
        String k = kind(kind);
        String scope = scope(scopeId);
        if (minLevel == null || minLevel < 1 || minLevel > 4) {
            throw Refusal.invalid("minLevel must be 1 (in training) to 4 (trains others); 3 works alone");
        }
        if (description != null && description.length() > 200) {
            throw Refusal.invalid("description is longer than 200 characters");
        }
        Requirement before = requirement(k, scope);
        store.putRequirement(new Requirement(k, scope, minLevel, description == null || description.isBlank() ? null : description.trim()),
                audit.currentActor(), clock.instant());
        Requirement after = requirement(k, scope);
        audit.recordChange("qualification_requirement", k + ":" + scope, before, after);
        return after;
    }

    @Transactional
    public void deleteRequirement(String kind, String scopeId) {
        Requirement before = requirement(kind(kind), scope(scopeId));
        if (before == null) {
            throw Refusal.notFound("no requirement " + kind + " " + scopeId);
        }
        store.deleteRequirement(before.kind(), before.scopeId());
        audit.record("DELETE", "qualification_requirement", before.kind() + ":" + before.scopeId(), before, null);
    }

    /** Grants a level until a date (level 0 withdraws); never to oneself. */
    @Transactional
    public Grant grant(String username, String kind, String scopeId, Integer level, Instant validUntil, String note) {
        String user = user(username);
        if (level == null || level < 0 || level > 4) {
            throw Refusal.invalid("level must be 0 (withdrawn) to 4 (trains others)");
        }
        Instant now = clock.instant();
        if (validUntil == null || !validUntil.isAfter(now) || validUntil.isAfter(now.plus(Duration.ofDays(3660)))) {
            throw Refusal.invalid("validUntil must lie in the future, within ten years");
        }
        return insert(user, kind(kind), scope(scopeId), level, validUntil, false, note);
    }

    /**
     * A supervisor lets a person do it for a few hours without the qualification (a sick colleague,
     * a rush order): the reason is required and the audit trail keeps it.
     */
    @Transactional
    public Grant override(String username, String kind, String scopeId, Integer hours, String reason) {
        String user = user(username);
        Requirement r = requirement(kind(kind), scope(scopeId));
        if (r == null) {
            throw Refusal.invalid("no requirement " + kind + " " + scopeId + ": nothing to override");
        }
        if (reason == null || reason.isBlank()) {
            throw Refusal.invalid("an override needs its reason");
        }
        if (hours == null || hours < 1 || hours > config.maxOverrideHours()) {
            throw Refusal.invalid("an override lasts 1 to " + config.maxOverrideHours() + " hours");
        }
        return insert(user, r.kind(), r.scopeId(), r.minLevel(), clock.instant().plus(Duration.ofHours(hours)), true, reason);
    }

    private Grant insert(String user, String kind, String scope, int level, Instant until, boolean override, String note) {
        String actor = audit.currentActor();
        if (actor.equals(user)) {
            throw Refusal.notPermitted("nobody grants or overrides their own qualification: a second person does");
        }
        if (note != null && note.length() > 500) {
            throw Refusal.invalid("the note is longer than 500 characters");
        }
        Grant g = store.addGrant(user, kind, scope, level, until, override, note == null || note.isBlank() ? null : note.trim(), actor,
                clock.instant());
        audit.record(override ? "OVERRIDE_QUALIFICATION" : level == 0 ? "WITHDRAW_QUALIFICATION" : "GRANT_QUALIFICATION", "qualification",
                user + "/" + kind + ":" + scope, null, g);
        return g;
    }

    /** Every grant of a person, newest first. */
    public List<Grant> of(String username) {
        return store.grantsOf(username);
    }

    /**
     * Refuses (403, naming the qualification) when the current person does not meet every
     * requirement set for these scopes ({@code "PART:BC-4711"}); machines' and the system's own
     * steps are not a person's and pass.
     */
    public void requireQualified(List<String> scopes) {
        String actor = audit.currentActor();
        if (AuditTrail.SYSTEM.equals(actor) || hasRole(Roles.INTEGRATION)) {
            return;
        }
        Instant now = clock.instant();
        List<String> missing = new ArrayList<>();
        for (String s : scopes) {
            String[] ks = s.split(":", 2);
            Requirement r = requirement(ks[0], ks[1]);
            if (r == null) {
                continue;
            }
            String refusal = Qualifications.refusal(actor, r, newest(actor, r), now);
            if (refusal != null) {
                missing.add(refusal);
            }
        }
        if (!missing.isEmpty()) {
            throw Refusal.notPermitted(String.join("; ", missing) + ". A supervisor can override it for a few hours, with the reason.");
        }
    }

    public Matrix matrix() {
        List<Requirement> reqs = requirements();
        Instant now = clock.instant();
        Map<String, Grant> newest = new LinkedHashMap<>();
        for (Grant g : store.allGrants()) {
            newest.put(g.username() + "|" + g.kind() + ":" + g.scopeId(), g);
        }
        List<Row> rows = new ArrayList<>();
        for (UserService.UserView u : users.list()) {
            if (!u.active() || u.roles().equals(List.of(Roles.INTEGRATION))) {
                continue;
            }
            Map<String, Cell> cells = new LinkedHashMap<>();
            for (Requirement r : reqs) {
                Grant g = newest.get(u.username() + "|" + r.kind() + ":" + r.scopeId());
                cells.put(r.name(), new Cell(Qualifications.standing(r, g, now, config.expiryWarning()), g == null ? null : g.level(),
                        g == null ? null : g.validUntil()));
            }
            rows.add(new Row(u.username(), u.displayName(), cells));
        }
        return new Matrix(reqs, rows);
    }

    /** The grants that count and expire within the warning, or have expired, for a requirement set: the warnings. */
    public List<Expiring> expiring() {
        Instant now = clock.instant();
        Map<String, Grant> newest = new LinkedHashMap<>();
        for (Grant g : store.allGrants()) {
            newest.put(g.username() + "|" + g.kind() + ":" + g.scopeId(), g);
        }
        List<Expiring> out = new ArrayList<>();
        for (Requirement r : requirements()) {
            for (Grant g : newest.values()) {
                if (g.kind().equals(r.kind()) && g.scopeId().equals(r.scopeId()) && g.level() > 0) {
                    Standing s = Qualifications.standing(r, g, now, config.expiryWarning());
                    if (s == Standing.EXPIRING || s == Standing.EXPIRED) {
                        out.add(new Expiring(g, s));
                    }
                }
            }
        }
        out.sort(java.util.Comparator.comparing(e -> e.grant().validUntil()));
        return out;
    }

    private Grant newest(String user, Requirement r) {
        return store.newest(user, r.kind(), r.scopeId()).orElse(null);
    }

    private Requirement requirement(String kind, String scope) {
        return store.requirement(kind, scope).orElse(null);
    }

    private boolean hasRole(String role) {
        try {
            SecurityIdentity who = identity.get();
            return who != null && who.hasRole(role);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private String user(String username) {
        if (username == null || username.isBlank()) {
            throw Refusal.invalid("username is required");
        }
        return users.list().stream().filter(u -> u.username().equals(username.trim())).findFirst()
                .orElseThrow(() -> Refusal.invalid("no user '" + username.trim() + "'")).username();
    }

    private static String kind(String kind) {
        String k = kind == null ? "" : kind.trim().toUpperCase(Locale.ROOT);
        if (!Qualifications.KINDS.contains(k)) {
            throw Refusal.invalid("kind must be OPERATION (part:operation no., e.g. BC-4711:10), PART, MACHINE or TASK");
        }
        return k;
    }

    private static String scope(String scopeId) {
        if (scopeId == null || scopeId.isBlank() || scopeId.trim().length() > 64) {
            throw Refusal.invalid("scopeId is required, at most 64 characters (a part, a machine, or INSPECTION / RELEASE)");
        }
        return scopeId.trim();
    }
}
