package mes.web;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** The logged-in user, for the page layout ({@code inject:currentUser}). */
@Named("currentUser")
@RequestScoped
public class CurrentUser {

    @Inject
    SecurityIdentity identity;

    public boolean isLoggedIn() {
        return !identity.isAnonymous();
    }

    public String getName() {
        return identity.isAnonymous() ? "" : identity.getPrincipal().getName();
    }

    public List<String> getRoles() {
        return identity.getRoles().stream().sorted().toList();
    }

    /** The message keys of the user's roles' names ({@code role_OPERATOR}), for the layout. */
    public List<String> getRoleKeys() {
        return getRoles().stream().map(r -> "role_" + r).toList();
    }

    public boolean has(String role) {
        return identity.hasRole(role);
    }
}
