package mes.security;

import java.util.List;

/** The roles of contracts/api.md. */
public final class Roles {

    public static final String OPERATOR = "OPERATOR";
    public static final String SUPERVISOR = "SUPERVISOR";
    public static final String QUALITY = "QUALITY";
    /** Maintenance technicians: plans, maintenance work orders, andon calls; reads like an operator. */
    public static final String MAINTENANCE = "MAINTENANCE";
    /** Read-only; sees everything. */
    public static final String AUDITOR = "AUDITOR";
    public static final String ADMIN = "ADMIN";
    /** Machines and gateways: ingest only. */
    public static final String INTEGRATION = "INTEGRATION";

    public static final List<String> ALL = List.of(OPERATOR, SUPERVISOR, QUALITY, MAINTENANCE, AUDITOR, ADMIN, INTEGRATION);

    private Roles() {
    }
}
