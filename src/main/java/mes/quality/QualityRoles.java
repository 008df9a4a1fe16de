package mes.quality;

import java.util.Set;
import mes.security.Roles;

/**
 * Who may do what in quality. Inspectors at the line and in the lab record inspections (and CMMs
 * and gauges post them as INTEGRATION); quality engineers keep the control plans and gauges,
 * correct evidence, release lots and decide dispositions; anyone on the floor may raise a
 * nonconformity; supervisors may contain and complete CAPA actions they own. The API's
 * annotations and the pages' checks follow this table; the authorisation test holds them to it.
 */
public final class QualityRoles {

    public static final Set<String> ENGINEERS = Set.of(Roles.QUALITY, Roles.ADMIN);
    public static final Set<String> INSPECTORS = Set.of(Roles.OPERATOR, Roles.QUALITY, Roles.ADMIN);
    public static final Set<String> RAISERS = Set.of(Roles.OPERATOR, Roles.SUPERVISOR, Roles.QUALITY, Roles.ADMIN);
    public static final Set<String> CONTAINERS = Set.of(Roles.SUPERVISOR, Roles.QUALITY, Roles.ADMIN);
    public static final Set<String> ACTION_OWNERS = Set.of(Roles.SUPERVISOR, Roles.QUALITY, Roles.ADMIN);

    private QualityRoles() {
    }
}
