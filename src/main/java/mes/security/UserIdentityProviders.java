package mes.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The identity providers of the form login, HTTP Basic and the session cookie, over {@link UserDirectory}. */
public final class UserIdentityProviders {

    private UserIdentityProviders() {
    }

    /** User name and password (form login, HTTP Basic). */
    @ApplicationScoped
    public static class Password implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

        @Inject
        UserDirectory users;

        @Override
        public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
            return UsernamePasswordAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
            RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(request);
            String address = http == null || http.request().remoteAddress() == null ? "unknown" : http.request().remoteAddress().host();
            return context.runBlocking(() -> users.check(request.getUsername(), request.getPassword().getPassword(), address));
        }
    }

    /** A user the encrypted session cookie names: still there, still active, with today's roles. */
    @ApplicationScoped
    public static class Trusted implements IdentityProvider<TrustedAuthenticationRequest> {

        @Inject
        UserDirectory users;

        @Override
        public Class<TrustedAuthenticationRequest> getRequestType() {
            return TrustedAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
            return context.runBlocking(() -> users.trusted(request.getPrincipal())
                    .orElseThrow(() -> new AuthenticationFailedException("user '" + request.getPrincipal() + "' is gone or inactive")));
        }
    }
}
