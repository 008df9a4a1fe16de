package mes.maintenance.web;

import com.fasterxml.jackson.annotation.JsonInclude;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import mes.kernel.Refusal;
import mes.maintenance.PreventiveMaintenance;
import mes.maintenance.domain.PlanTrigger;
import mes.security.Roles;
import mes.web.Params;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Preventive maintenance plans (contracts/maintenance.md): every N days, run hours or cycles, with where each stands now. */
@Path("/api/v1/maintenance/plans")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Maintenance")
@BasicAuthentication
@Blocking
@RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR, Roles.QUALITY, Roles.MAINTENANCE, Roles.AUDITOR, Roles.ADMIN})
public class MaintenancePlanResource {

    public record PlanIn(String machineId, String title, String instructions, String trigger, Double every, Double tolerancePercent,
            String startsAt, Boolean firstOffRequired) {
    }

    /** A plan and where it stands: its measure since {@code since} (the last completion or its start), due and overdue. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PlanOut(long id, String machineId, String title, String instructions, String trigger, double every, String unit,
            double tolerancePercent, Instant startsAt, boolean firstOffRequired, boolean active, String createdBy, Instant createdAt,
            Instant since, String state, double measure, Instant dueAt, Instant overdueAt, Long openOrderId) {

        static PlanOut of(PreventiveMaintenance.PlanView v) {
            var p = v.plan();
            return new PlanOut(p.id(), p.machineId(), p.title(), p.instructions(), p.trigger().name(), p.every(), p.trigger().unit(),
                    p.tolerancePercent(), p.startsAt(), p.firstOffRequired(), p.active(), p.createdBy(), p.createdAt(), v.since(),
                    v.standing().state().name(), v.standing().measure(), v.standing().dueAt(), v.standing().overdueAt(),
                    v.openOrder() == null ? null : v.openOrder().id());
        }
    }

    @Inject
    PreventiveMaintenance maintenance;

    @GET
    @Operation(summary = "Preventive maintenance plans and where each stands now (NOT_DUE, DUE, OVERDUE)",
            description = "machineId: one machine's; inactive=true: deactivated plans too")
    public List<PlanOut> list(@QueryParam("machineId") String machineId, @QueryParam("inactive") boolean inactive) {
        return maintenance.plans(Params.blankToNull(machineId), inactive).stream().map(PlanOut::of).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One plan and where it stands now")
    public PlanOut get(@PathParam("id") long id) {
        return PlanOut.of(maintenance.planView(id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.MAINTENANCE, Roles.ADMIN})
    @Operation(summary = "Create a plan: trigger DAYS, RUN_HOURS (time in RUNNING) or CYCLES (counter increments), every N, tolerance % (10)",
            description = "startsAt (RFC 3339, default now) is where the first interval is measured from")
    public Response create(PlanIn body) {
        if (body == null) {
            throw Refusal.invalid("a plan is required: machineId, title, trigger, every");
        }
        PlanTrigger trigger = null;
        if (body.trigger() != null) {
            try {
                trigger = PlanTrigger.valueOf(body.trigger().trim());
            } catch (IllegalArgumentException e) {
                throw Refusal.invalid("trigger must be one of " + List.of(PlanTrigger.values()) + ", not '" + body.trigger() + "'");
            }
        }
        var view = maintenance.createPlan(new PreventiveMaintenance.NewPlan(body.machineId(), body.title(), body.instructions(), trigger,
                body.every(), body.tolerancePercent(), Params.instant("startsAt", body.startsAt()), body.firstOffRequired()));
        return Response.status(201).entity(PlanOut.of(view)).build();
    }

    @POST
    @Path("/{id}/deactivate")
    @RolesAllowed({Roles.MAINTENANCE, Roles.ADMIN})
    @Operation(summary = "Stop a plan from falling due again (its open order stays, to be done or left)")
    public PlanOut deactivate(@PathParam("id") long id) {
        return PlanOut.of(maintenance.deactivate(id));
    }
}
