package mes.ingest.web;

import io.quarkus.vertx.http.runtime.security.annotation.BasicAuthentication;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletionStage;
import mes.ingest.IngestReport;
import mes.ingest.QuarantineService;
import mes.ingest.persistence.QuarantinedMessage;
import mes.kernel.Refusal;
import mes.security.Roles;
import mes.web.Params;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The quarantine of rejected messages, for administrators (auditors may read). */
@Path("/api/v1/quarantine")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Ingest")
@BasicAuthentication
@RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
public class QuarantineResource {

    /** A quarantined message; {@code raw} only on the single-entry read. */
    public record Entry(long id, Instant receivedAt, String source, String machineId, String reason, Instant redrivenAt,
            int sizeBytes, String preview, String raw, String rawEncoding) {
    }

    /** What a re-drive did. */
    public record Redriven(long id, int accepted, int duplicates) {
    }

    @Inject
    QuarantineService quarantine;

    @GET
    @Blocking
    @Operation(summary = "List quarantined messages, newest first")
    public List<Entry> list(@QueryParam("machineId") String machineId, @QueryParam("reason") String reason,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("open") Boolean open,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw Refusal.invalid("limit must be 1-1000");
        }
        return quarantine.list(new QuarantineService.Filter(Params.blankToNull(machineId), Params.blankToNull(reason), Params.instant("from", from),
                Params.instant("to", to), open), limit).stream().map(e -> entry(e, false)).toList();
    }

    @GET
    @Path("/{id}")
    @Blocking
    public Entry get(@PathParam("id") long id) {
        return quarantine.get(id).map(e -> entry(e, true))
                .orElseThrow(() -> Refusal.notFound("No quarantined message " + id));
    }

    @POST
    @Path("/{id}/redrive")
    @RolesAllowed(Roles.ADMIN)
    @Blocking
    @Operation(summary = "Ingest a quarantined message again, once its cause is fixed",
            description = "200 when it is now stored (the entry is marked re-driven); 409 with the reason when it is still rejected.")
    public CompletionStage<Redriven> redrive(@PathParam("id") long id) {
        QuarantinedMessage entry = quarantine.get(id).orElseThrow(() -> Refusal.notFound("No quarantined message " + id));
        if (entry.redrivenAt != null) {
            throw Refusal.conflict("Quarantined message " + id + " was re-driven already at " + entry.redrivenAt);
        }
        return quarantine.redrive(entry).thenApply(report -> answer(id, report));
    }

    static Redriven answer(long id, IngestReport report) {
        if (report.isUnusable()) {
            throw Refusal.conflict("Still refused: " + report.unusable());
        }
        if (!report.rejected().isEmpty()) {
            throw Refusal.conflict("Still rejected: " + report.rejected().get(0).reason());
        }
        return new Redriven(id, report.accepted(), report.duplicates());
    }

    static Entry entry(QuarantinedMessage e, boolean withRaw) {
        String text = utf8(e.raw);
        String preview = text == null ? "(binary, " + e.raw.length + " bytes)"
                : text.length() > 200 ? text.substring(0, 200) + "..." : text;
        String raw = null;
        String encoding = null;
        if (withRaw) {
            raw = text != null ? text : Base64.getEncoder().encodeToString(e.raw);
            encoding = text != null ? "utf-8" : "base64";
        }
        return new Entry(e.id, e.receivedAt, e.source, e.machineId, e.reason, e.redrivenAt, e.raw.length, preview, raw, encoding);
    }

    /** The bytes as text, or null when they are not valid UTF-8. */
    static String utf8(byte[] raw) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException ex) {
            return null;
        }
    }

}
