package mes.reports.web;

import io.quarkus.vertx.http.runtime.security.annotation.BasicAuthentication;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mes.kernel.Refusal;
import mes.reports.ReportService.Report;
import mes.reports.ReportService;
import mes.reports.domain.ReportType;
import mes.security.Roles;
import mes.web.Params;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Compliance reports (contracts/api.md): list, make on demand, one report with its hash and links, its files, their check. */
@Path("/api/v1/reports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reports")
@BasicAuthentication
@Blocking
@RolesAllowed({Roles.SUPERVISOR, Roles.QUALITY, Roles.AUDITOR, Roles.ADMIN})
public class ReportResource {

    public record ReportIn(String type, String from, String to) {
    }

    /** A report with its SHA-256 (of the manifest) and links to its files. */
    public record ReportView(long id, String type, String from, String to, String timeZone, String trigger, String requestedBy,
            String generatedAt, String softwareVersion, String sha256, String location, List<ReportService.StoredFile> files,
            Map<String, String> links) {
        static ReportView of(Report r) {
            Map<String, String> links = new LinkedHashMap<>();
            links.put("html", "/api/v1/reports/" + r.id() + "/files/" + ReportService.HTML);
            links.put("pdf", "/api/v1/reports/" + r.id() + "/files/" + ReportService.PDF);
            links.put("csv", "/api/v1/reports/" + r.id() + "/files/" + ReportService.CSV);
            links.put("manifest", "/api/v1/reports/" + r.id() + "/files/" + mes.reports.domain.Manifest.FILE);
            links.put("verify", "/api/v1/reports/" + r.id() + "/verify");
            return new ReportView(r.id(), r.type().name().toLowerCase(java.util.Locale.ROOT), r.from().toString(), r.to().toString(),
                    r.timeZone(), r.trigger(), r.requestedBy(), r.generatedAt().toString(), r.softwareVersion(), r.sha256(), r.location(),
                    r.files(), links);
        }
    }

    @Inject
    ReportService reports;

    @GET
    @Operation(summary = "Reports, newest period first")
    public List<ReportView> list() {
        return reports.list(500).stream().map(ReportView::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY, Roles.AUDITOR, Roles.ADMIN})
    @Operation(summary = "Make a report now: {type: daily|weekly|monthly, from, to}; without from and to, the last complete period of the type")
    public Response create(ReportIn body) {
        if (body == null) {
            throw Refusal.invalid("{\"type\": \"daily|weekly|monthly\", \"from\", \"to\"} is required");
        }
        ReportType type;
        try {
            type = ReportType.parse(body.type());
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid(e.getMessage());
        }
        Report r = reports.onDemand(type, Params.instant("from", body.from()), Params.instant("to", body.to()));
        return Response.created(URI.create("/api/v1/reports/" + r.id())).entity(ReportView.of(r)).build();
    }

    @GET
    @Path("/{id}")
    public ReportView get(@PathParam("id") long id) {
        return ReportView.of(reports.get(id));
    }

    @GET
    @Path("/{id}/verify")
    @Operation(summary = "Read every file back and check it against the manifest and the hashes recorded with the report")
    public ReportService.Verification verify(@PathParam("id") long id) {
        return reports.verify(id);
    }

    @GET
    @Path("/{id}/files/{name}")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "A file of the report: report.html, report.pdf, data.csv or manifest.sha256")
    public Response file(@PathParam("id") long id, @PathParam("name") String name) {
        return download(reports, id, name);
    }

    /** The file as a download; only a name the report lists is served, so no path reaches the store. */
    static Response download(ReportService reports, long id, String name) {
        ReportService.Download file = reports.file(id, name);
        return Response.ok(file.bytes()).type(file.contentType())
                .header("Content-Disposition", (name.endsWith(".html") ? "inline" : "attachment") + "; filename=\"report-" + id + "-" + name + "\"")
                .build();
    }
}
