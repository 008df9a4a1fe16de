package mes.production;

import java.util.Set;
import mes.production.domain.WorkOrderAction;
import mes.security.Roles;

/**
 * Who may do what to a work order: supervisors plan (release, send back, close, abort), operators
 * run (start, hold, resume, complete) and supervisors may run too; administrators may do all. The
 * API's annotations and the pages' checks both follow this table; the authorisation test holds
 * them to it.
 */
public final class Permissions {

    public static final Set<String> PLANNERS = Set.of(Roles.SUPERVISOR, Roles.ADMIN);
    public static final Set<String> RUNNERS = Set.of(Roles.OPERATOR, Roles.SUPERVISOR, Roles.ADMIN);
    /** Containment: putting lots on hold. */
    public static final Set<String> HOLDERS = Set.of(Roles.SUPERVISOR, Roles.QUALITY, Roles.ADMIN);
    /** Disposition: taking lots off hold. */
    public static final Set<String> HOLD_RELEASERS = Set.of(Roles.QUALITY, Roles.ADMIN);
    /** Goods receipt. */
    public static final Set<String> RECEIVERS = Set.of(Roles.OPERATOR, Roles.SUPERVISOR, Roles.QUALITY, Roles.ADMIN);

    private Permissions() {
    }

    public static Set<String> rolesFor(WorkOrderAction action) {
        return switch (action) {
            case RELEASE, UNRELEASE, CLOSE, ABORT -> PLANNERS;
            case START, HOLD, RESUME, COMPLETE -> RUNNERS;
        };
    }

    public static boolean any(Set<String> allowed, Set<String> roles) {
        return roles.stream().anyMatch(allowed::contains);
    }

    /** Refuses (403) a user none of whose roles is allowed: the pages' check where one form serves several roles. */
    public static void require(io.quarkus.security.identity.SecurityIdentity identity, Set<String> allowed) {
        if (!any(allowed, identity.getRoles())) {
            throw new io.quarkus.security.ForbiddenException("this needs one of the roles " + allowed);
        }
    }
}
