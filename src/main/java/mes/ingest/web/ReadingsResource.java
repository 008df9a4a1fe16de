package mes.ingest.web;

import io.quarkus.vertx.http.runtime.security.annotation.BasicAuthentication;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletionStage;
import mes.ingest.IngestBatcher;
import mes.ingest.IngestReport;
import mes.ingest.IngestRequest;
import mes.ingest.IngestSource;
import mes.kernel.Refusal;
import mes.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** HTTP ingest for gateways without Pub/Sub (contracts/api.md, "Ingest"). */
@Path("/api/v1/readings")
@Tag(name = "Ingest")
@BasicAuthentication
public class ReadingsResource {

    /** The answer of contracts/api.md. */
    public record ReadingsAnswer(int accepted, int duplicates, List<IngestReport.Rejection> rejected) {
    }

    @Inject
    IngestBatcher batcher;

    @Inject
    Clock clock;

    @POST
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.INTEGRATION, Roles.ADMIN})
    @Operation(summary = "Ingest one sensor message or an array of up to 1,000",
            description = "Answers once the accepted messages are committed. Rejected messages are quarantined"
                    + " with their reason; a body that is not JSON at all is quarantined and answered with 400.")
    public CompletionStage<ReadingsAnswer> post(byte[] body) {
        IngestRequest request = new IngestRequest(body == null ? new byte[0] : body, IngestSource.HTTP, clock.instant());
        return batcher.submit(request, false).thenApply(report -> {
            if (report.isUnusable()) {
                throw Refusal.invalid("The body was refused and kept in quarantine: " + report.unusable());
            }
            return new ReadingsAnswer(report.accepted(), report.duplicates(), report.rejected());
        });
    }
}
