package mes.quality.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.annotation.FormAuthentication;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import mes.kernel.Refusal;
import mes.production.Permissions;
import mes.quality.CapaService;
import mes.quality.NonconformityService;
import mes.quality.QualityRoles;
import mes.quality.domain.Disposition;
import mes.quality.domain.NonconformityStatus;
import mes.security.Roles;
import mes.web.Params;
import mes.web.Redirects;

/** /quality/ncrs: nonconformities, raised, contained through traceability, and disposed of. */
@Path("/quality/ncrs")
@FormAuthentication
@Blocking
@RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR, Roles.QUALITY, Roles.MAINTENANCE, Roles.AUDITOR, Roles.ADMIN})
public class NonconformityPage {

    @CheckedTemplate
    public static class Templates {
        public static native TemplateInstance list(List<NonconformityService.View> ncrs, String status, boolean mayRaise, Instant now,
                String notice, String error);

        public static native TemplateInstance detail(NonconformityService.View ncr, List<NonconformityService.Suspect> suspects,
                List<CapaService.View> capas, List<Disposition> dispositions, boolean mayContain, boolean mayDispose, boolean mayOpenCapa,
                boolean mayInspect, String notice, String error);
    }

    @Inject
    NonconformityService nonconformities;

    @Inject
    CapaService capas;

    @Inject
    SecurityIdentity identity;

    @Inject
    Clock clock;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance list(@QueryParam("status") String status, @QueryParam("notice") String notice, @QueryParam("error") String error) {
        NonconformityStatus s = null;
        if (Params.blankToNull(status) != null) {
            try {
                s = NonconformityStatus.valueOf(status.trim());
            } catch (IllegalArgumentException e) {
                throw Refusal.invalid("status must be OPEN, REWORK or CLOSED");
            }
        }
        return Templates.list(nonconformities.list(s, 300), s == null ? "" : s.name(), Permissions.any(QualityRoles.RAISERS,
                identity.getRoles()), clock.instant(), notice, error);
    }

    @POST
    public Response raise(@FormParam("inspectionId") String inspectionId, @FormParam("lotId") String lotId, @FormParam("partId") String partId,
            @FormParam("description") String description) {
        Permissions.require(identity, QualityRoles.RAISERS);
        String back = Params.blankToNull(inspectionId) != null ? "/quality/inspections/" + Redirects.enc(inspectionId.trim()) : "/quality/ncrs";
        try {
            Integer inspection = Params.optionalInteger("inspection", inspectionId);
            var n = nonconformities.raise(inspection == null ? null : inspection.longValue(), lotId, partId, description);
            return Redirects.notice("/quality/ncrs/" + n.id(), n.number() + " raised");
        } catch (Refusal e) {
            return Redirects.error(back, e.getMessage());
        }
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance detail(@PathParam("id") long id, @QueryParam("notice") String notice, @QueryParam("error") String error) {
        var roles = identity.getRoles();
        return Templates.detail(nonconformities.get(id), nonconformities.suspects(id), capas.ofNonconformity(id), List.of(Disposition.values()),
                Permissions.any(QualityRoles.CONTAINERS, roles), Permissions.any(QualityRoles.ENGINEERS, roles),
                Permissions.any(QualityRoles.ENGINEERS, roles), Permissions.any(QualityRoles.INSPECTORS, roles), notice, error);
    }

    @POST
    @Path("{id}/containment")
    public Response contain(@PathParam("id") long id, @FormParam("lotId") List<String> lotIds, @FormParam("containment") String containment) {
        Permissions.require(identity, QualityRoles.CONTAINERS);
        String to = "/quality/ncrs/" + id;
        try {
            var n = nonconformities.contain(id, lotIds, containment);
            return Redirects.notice(to, n.containedLots().size() + " lot(s) contained under " + n.number());
        } catch (Refusal e) {
            return Redirects.error(to, e.getMessage());
        }
    }

    @POST
    @Path("{id}/disposition")
    public Response dispose(@PathParam("id") long id, @FormParam("disposition") String disposition, @FormParam("note") String note) {
        Permissions.require(identity, QualityRoles.ENGINEERS);
        String to = "/quality/ncrs/" + id;
        try {
            var n = nonconformities.dispose(id, disposition, note);
            return Redirects.notice(to, n.number() + ": " + n.disposition().label + (n.closed() ? ", closed" : ", waiting for re-inspection"));
        } catch (Refusal e) {
            return Redirects.error(to, e.getMessage());
        }
    }
}
