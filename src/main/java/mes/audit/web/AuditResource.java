package mes.audit.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.security.annotation.BasicAuthentication;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import mes.audit.AuditTrail.Entry;
import mes.audit.AuditTrail.Verification;
import mes.audit.AuditTrail;
import mes.kernel.Refusal;
import mes.security.Roles;
import mes.web.Params;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit trail (contracts/api.md, Evidence) and its integrity check. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Evidence")
@BasicAuthentication
@Blocking
@RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
public class AuditResource {

    /** One entry: who did what to which record, when, before and after, and its links in the chain. */
    public record EntryOut(long id, Instant occurredAt, String actor, String action, String entityType, String entityId,
            JsonNode before, JsonNode after, String prevHash, String hash) {
    }

    public record VerifyOut(boolean valid, long checked, Long firstBrokenId) {
    }

    @Inject
    AuditTrail audit;

    @Inject
    ObjectMapper json;

    @GET
    @Operation(summary = "Audit entries in [from, to), oldest first; optionally of one record (entityType, entityId)")
    public List<EntryOut> list(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("entityType") String entityType, @QueryParam("entityId") String entityId,
            @QueryParam("limit") @DefaultValue("1000") int limit) {
        if (limit < 1 || limit > 10_000) {
            throw Refusal.invalid("limit must be between 1 and 10000");
        }
        return audit.list(Params.instant("from", from), Params.instant("to", to), Params.blankToNull(entityType),
                Params.blankToNull(entityId), limit).stream().map(this::out).toList();
    }

    @GET
    @Path("/verify")
    @Operation(summary = "Recompute the whole hash chain: valid, entries checked, and the first broken entry if any")
    public VerifyOut verify() {
        Verification v = audit.verify();
        return new VerifyOut(v.valid(), v.checked(), v.firstBrokenId());
    }

    private EntryOut out(Entry e) {
        var r = e.record();
        return new EntryOut(r.id(), r.occurredAt(), r.actor(), r.action(), r.entityType(), r.entityId(), node(r.before()),
                node(r.after()), e.previousHash(), e.hash());
    }

    private JsonNode node(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
