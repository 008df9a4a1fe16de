package mes.simulator;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import java.util.function.Supplier;

/**
 * The demo's people at work: a step of the demo made in a demo user's name, so that what needs a
 * second person (an approved control plan) has one, and the audit trail names who did it.
 */
@ApplicationScoped
public class DemoPeople {

    @Inject
    CurrentIdentityAssociation association;

    @ActivateRequestContext
    public <T> T as(String user, String role, Supplier<T> step) {
        association.setIdentity(QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(user)).addRole(role).build());
        return step.get();
    }
}
