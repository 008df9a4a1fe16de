package mes.training.web;

import io.quarkus.vertx.http.runtime.security.annotation.BasicAuthentication;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import mes.kernel.Refusal;
import mes.security.Roles;
import mes.training.QualificationService;
import mes.training.domain.Qualifications;
import mes.web.Params;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The training matrix over HTTP: requirements, grants, overrides, the matrix and its warnings. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Training")
@BasicAuthentication
@Blocking
@RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR, Roles.QUALITY, Roles.MAINTENANCE, Roles.AUDITOR, Roles.ADMIN})
public class TrainingResource {

    public record RequirementIn(Integer minLevel, String description) {
    }

    public record GrantIn(String username, String kind, String scopeId, Integer level, String validUntil, String note) {
    }

    public record OverrideIn(String username, String kind, String scopeId, Integer hours, String reason) {
    }

    @Inject
    QualificationService qualifications;

    @GET
    @Path("/qualification-requirements")
    @Operation(summary = "The training matrix's columns: what needs a qualification, at which level")
    public List<Qualifications.Requirement> requirements() {
        return qualifications.requirements();
    }

    @PUT
    @Path("/qualification-requirements/{kind}/{scope}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.QUALITY, Roles.ADMIN})
    @Operation(summary = "Require a qualification for a part, a machine or a task (INSPECTION, RELEASE): its lowest level to work alone")
    public Qualifications.Requirement putRequirement(@PathParam("kind") String kind, @PathParam("scope") String scope, RequirementIn body) {
        if (body == null) {
            throw Refusal.invalid("{\"minLevel\": 3} is required");
        }
        return qualifications.putRequirement(kind, scope, body.minLevel(), body.description());
    }

    @DELETE
    @Path("/qualification-requirements/{kind}/{scope}")
    @RolesAllowed({Roles.QUALITY, Roles.ADMIN})
    @Operation(summary = "No longer require it")
    public Response deleteRequirement(@PathParam("kind") String kind, @PathParam("scope") String scope) {
        qualifications.deleteRequirement(kind, scope);
        return Response.noContent().build();
    }

    @POST
    @Path("/qualifications")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SUPERVISOR, Roles.QUALITY, Roles.ADMIN})
    @Operation(summary = "Grant a person a level until a date (level 0 withdraws it); never oneself")
    public Response grant(GrantIn body) {
        if (body == null) {
            throw Refusal.invalid("{\"username\", \"kind\", \"scopeId\", \"level\", \"validUntil\"} is required");
        }
        var g = qualifications.grant(body.username(), body.kind(), body.scopeId(), body.level(),
                body.validUntil() == null ? null : Params.instant("validUntil", body.validUntil()), body.note());
        return Response.status(201).entity(g).build();
    }

    @POST
    @Path("/qualifications/overrides")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "A supervisor lets a person work without the qualification for some hours, with the reason")
    public Response override(OverrideIn body) {
        if (body == null) {
            throw Refusal.invalid("{\"username\", \"kind\", \"scopeId\", \"hours\", \"reason\"} is required");
        }
        var g = qualifications.override(body.username(), body.kind(), body.scopeId(), body.hours(), body.reason());
        return Response.status(201).entity(g).build();
    }

    @GET
    @Path("/qualifications")
    @Operation(summary = "A person's grants, newest first")
    public List<Qualifications.Grant> of(@QueryParam("username") String username) {
        if (username == null || username.isBlank()) {
            throw Refusal.invalid("username is required");
        }
        return qualifications.of(username.trim());
    }

    @GET
    @Path("/training-matrix")
    @Operation(summary = "People by requirement: qualified, expiring, override, expired, too low, missing")
    public QualificationService.Matrix matrix() {
        return qualifications.matrix();
    }

    @GET
    @Path("/qualifications/expiring")
    @Operation(summary = "Grants expiring within the warning or expired")
    public List<QualificationService.Expiring> expiring() {
        return qualifications.expiring();
    }
}
