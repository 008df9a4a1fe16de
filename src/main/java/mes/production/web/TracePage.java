package mes.production.web;

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
import java.time.Instant;
import java.util.List;
import mes.equipment.EquipmentService;
import mes.equipment.domain.Hierarchy.Machine;
import mes.kernel.Refusal;
import mes.production.LotService;
import mes.production.Permissions;
import mes.production.TraceService.Affected;
import mes.production.TraceService.Backward;
import mes.production.TraceService.Forward;
import mes.production.TraceService;
import mes.production.domain.MaterialRule;
import mes.security.Roles;
import mes.web.Params;
import mes.web.Redirects;

/**
 * /trace: find a lot (or a serial) and see what made it and where it went; pick a machine and a
 * time range to list every affected lot, and put them on hold at once. /lots: goods receipt and
 * the lots on hold.
 */
@Path("/")
@FormAuthentication
@Blocking
@RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR, Roles.QUALITY, Roles.MAINTENANCE, Roles.AUDITOR, Roles.ADMIN})
public class TracePage {

    /** The affected-lots query as entered, and its result (null before a search). */
    public record AffectedQuery(String machineId, String from, String to, List<Affected> lots) {
    }

    @CheckedTemplate
    public static class Templates {
        public static native TemplateInstance trace(String query, List<Machine> machines, AffectedQuery affected, boolean mayHold,
                String notice, String error);

        public static native TemplateInstance lot(Backward backward, Forward forward, boolean mayHold, boolean mayRelease, String notice,
                String error);

        public static native TemplateInstance lots(List<LotService.Snapshot> received, List<LotService.Snapshot> held, List<String> units, boolean mayReceive,
                boolean mayRelease, String notice, String error);
    }

    @Inject
    TraceService trace;

    @Inject
    LotService lots;

    @Inject
    EquipmentService equipment;

    @Inject
    SecurityIdentity identity;

    @GET
    @Path("trace")
    @Produces(MediaType.TEXT_HTML)
    public Object trace(@QueryParam("q") String q, @QueryParam("machineId") String machineId, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("notice") String notice, @QueryParam("error") String error) {
        String query = Params.blankToNull(q);
        if (query != null) {
            if (lots.find(query).isPresent()) {
                return Response.seeOther(java.net.URI.create("/trace/lots/" + Redirects.enc(query))).build();
            }
            var lot = lots.lotOfSerial(query);
            if (lot.isPresent()) {
                return Redirects.notice("/trace/lots/" + Redirects.enc(lot.get()), "Serial " + query + " is in lot " + lot.get());
            }
            error = "No lot or serial '" + query + "'";
        }
        AffectedQuery affected = null;
        String machine = Params.blankToNull(machineId);
        if (machine != null) {
            try {
                Instant f = Params.localUtc("from", from);
                Instant t = Params.localUtc("to", to);
                affected = new AffectedQuery(machine, from, to, trace.affected(machine, f, t));
            } catch (Refusal e) {
                error = e.getMessage();
                affected = new AffectedQuery(machine, from, to, null);
            }
        }
        return Templates.trace(query == null ? "" : query, equipment.machines(), affected,
                Permissions.any(Permissions.HOLDERS, identity.getRoles()), notice, error);
    }

    @GET
    @Path("trace/lots/{id}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance lot(@PathParam("id") String id, @QueryParam("notice") String notice, @QueryParam("error") String error) {
        return Templates.lot(trace.backward(id), trace.forward(id), Permissions.any(Permissions.HOLDERS, identity.getRoles()),
                Permissions.any(Permissions.HOLD_RELEASERS, identity.getRoles()), notice, error);
    }

    @POST
    @Path("trace/hold")
    public Response hold(@FormParam("lotId") List<String> lotIds, @FormParam("reason") String reason, @FormParam("back") String back) {
        Permissions.require(identity, Permissions.HOLDERS);
        String to = back != null && back.startsWith("/") && !back.startsWith("//") ? back : "/trace";
        try {
            List<String> held = lots.hold(lotIds, reason);
            return Redirects.notice(to, held.isEmpty() ? "Those lots were on hold already"
                    : held.size() + " lot" + (held.size() > 1 ? "s" : "") + " put on hold: " + String.join(", ", held));
        } catch (Refusal e) {
            return Redirects.error(to, e.getMessage());
        }
    }

    @POST
    @Path("trace/lots/{id}/release-hold")
    public Response releaseHold(@PathParam("id") String id, @FormParam("reason") String reason) {
        Permissions.require(identity, Permissions.HOLD_RELEASERS);
        String to = "/trace/lots/" + Redirects.enc(id);
        try {
            lots.releaseHold(id, reason);
            return Redirects.notice(to, "Lot " + id + " is off hold");
        } catch (Refusal e) {
            return Redirects.error(to, e.getMessage());
        }
    }

    @GET
    @Path("lots")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance lots(@QueryParam("notice") String notice, @QueryParam("error") String error) {
        return Templates.lots(lots.received(100), lots.onHold(), MaterialRule.UNITS, Permissions.any(Permissions.RECEIVERS,
                identity.getRoles()), Permissions.any(Permissions.HOLD_RELEASERS, identity.getRoles()), notice, error);
    }

    @POST
    @Path("lots")
    public Response receive(@FormParam("id") String id, @FormParam("material") String material, @FormParam("supplier") String supplier,
            @FormParam("quantity") String quantity, @FormParam("unit") String unit) {
        Permissions.require(identity, Permissions.RECEIVERS);
        try {
            Integer q = Params.optionalInteger("quantity", quantity);
            LotService.Snapshot l = lots.receive(id, material, supplier, q, Params.blankToNull(unit));
            return Redirects.notice("/lots", "Lot " + l.id() + " of " + l.material() + " received" + (l.quantity() == null ? ""
                    : ": " + l.quantity() + " " + l.unit()));
        } catch (Refusal e) {
            return Redirects.error("/lots", e.getMessage());
        }
    }
}
