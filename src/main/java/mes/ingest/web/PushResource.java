package mes.ingest.web;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import mes.ingest.IngestBatcher;
import mes.ingest.IngestRequest;
import mes.ingest.IngestService;
import mes.ingest.IngestSource;
import mes.ingest.domain.PushEnvelope;
import mes.ingest.web.ReadingsResource.ReadingsAnswer;
import mes.kernel.Refusal;
import mes.security.PushAuthConfig;
import mes.security.Roles;
import mes.security.SigningKeys;
import mes.security.domain.IdToken;
import mes.web.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The endpoint of a Pub/Sub push subscription (contracts/sensor-message.md). A 2xx answer
 * acknowledges, so it comes only once the payload's effects are committed or it is quarantined;
 * 503 while the database is unavailable makes Pub/Sub deliver it again later.
 *
 * <p>Authentication: the push subscription's OIDC token (audience and service account
 * configured, signature checked against Google's keys); in dev and test also HTTP Basic
 * credentials of an INTEGRATION user.
 */
@Path("/pubsub/push")
@Tag(name = "Ingest")
public class PushResource {

    @Inject
    IngestBatcher batcher;

    @Inject
    IngestService ingest;

    @Inject
    PushAuthConfig auth;

    @Inject
    SigningKeys keys;

    @Inject
    IdentityProviderManager identities;

    @Inject
    Clock clock;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(summary = "Pub/Sub push delivery", description = "Answers 200 once the payload is committed or quarantined;"
            + " 503 while the database is unavailable. Needs the push subscription's OIDC token.")
    public CompletionStage<ReadingsAnswer> push(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        authenticate(authorization);
        byte[] raw = body == null ? new byte[0] : body;
        PushEnvelope envelope;
        try {
            envelope = PushEnvelope.parse(raw);
        } catch (PushEnvelope.Invalid e) {
            ingest.quarantineUnstorable(new IngestRequest(raw, IngestSource.PUSH, clock.instant()), e.getMessage());
            throw Refusal.invalid("The push envelope was refused and kept in quarantine: " + e.getMessage());
        }
        IngestRequest request = IngestRequest.delivered(envelope.data(), IngestSource.PUSH,
                envelope.publishTime() == null ? clock.instant() : envelope.publishTime(), envelope.messageId());
        String version = envelope.attributes().get("schemaVersion");
        if (version != null && !version.equals("1")) {
            ingest.quarantineUnstorable(request, "schemaVersion " + version + " is not supported; this build reads version 1");
            return CompletableFuture.completedFuture(new ReadingsAnswer(0, 0, java.util.List.of()));
        }
        // an unusable payload is quarantined and acknowledged: delivering it again cannot mend it
        return batcher.submit(request, false)
                .thenApply(report -> new ReadingsAnswer(report.accepted(), report.duplicates(), report.rejected()));
    }

    private void authenticate(String authorization) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            try {
                IdToken.verify(authorization.substring(7).trim(), keys::key,
                        new IdToken.Expectations(auth.issuers(), auth.audience(), auth.serviceAccount(), auth.clockSkew()),
                        clock.instant());
                return;
            } catch (IdToken.Invalid e) {
                throw new ProblemException(401, "Unauthorized", "The push token is not accepted: " + e.getMessage());
            }
        }
        if (auth.allowBasic() && authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new AuthenticationFailedException("malformed Basic credentials");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new AuthenticationFailedException("malformed Basic credentials");
            }
            SecurityIdentity identity = identities.authenticateBlocking(new UsernamePasswordAuthenticationRequest(
                    decoded.substring(0, colon), new PasswordCredential(decoded.substring(colon + 1).toCharArray())));
            if (identity.hasRole(Roles.INTEGRATION) || identity.hasRole(Roles.ADMIN)) {
                return;
            }
            throw new ForbiddenException();
        }
        throw new ProblemException(401, "Unauthorized", "A push subscription's OIDC token (Authorization: Bearer) is required");
    }
}
