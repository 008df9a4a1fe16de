package mes.andon;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import mes.andon.config.AndonConfig;
import mes.andon.domain.AndonCall;
import mes.andon.domain.Escalation;
import mes.andon.persistence.AndonStore;
import mes.anomaly.AlertService;
import mes.anomaly.domain.Finding;
import mes.anomaly.domain.Severity;
import mes.audit.AuditTrail;
import mes.equipment.EquipmentService;
import mes.kernel.Refusal;
import mes.security.Roles;

/**
 * Andon calls: made with one tap at the line for a machine, answered (acknowledged) by the role
 * called, then resolved; escalated when unanswered or unresolved too long (an ANDON_ESCALATED
 * alert on the machine while so). Every step is in the audit trail.
 */
@ApplicationScoped
public class AndonService {

    /** Who may call for help at a machine: anyone at the line (the API's and the forms' role lists say the same). */
    public static final Set<String> CALLERS = Set.of(Roles.OPERATOR, Roles.SUPERVISOR, Roles.QUALITY, Roles.MAINTENANCE, Roles.ADMIN);

    /** The rule of the alert an escalated call holds on its machine. */
    public static final String ESCALATED_RULE = "ANDON_ESCALATED";

    /** A call with its escalation now. */
    public record CallView(AndonCall call, Escalation.Level escalation) {
    }

    /** The result of a tap: the call, and whether it was new (a second tap finds the open one). */
    public record Called(AndonCall call, boolean created) {
    }

    @Inject
    AndonStore store;

    @Inject
    EquipmentService equipment;

    @Inject
    AlertService alerts;

    @Inject
    AuditTrail audit;

    @Inject
    AndonConfig config;

    @Inject
    Clock clock;

    @Transactional
    public Called call(String machineId, AndonCall.Target target, String note) {
        if (machineId == null || machineId.isBlank()) {
            throw Refusal.invalid("machineId is required");
        }
        equipment.machine(machineId).orElseThrow(() -> Refusal.invalid("No machine " + machineId));
        if (target == null) {
            throw Refusal.invalid("target is required: MAINTENANCE, QUALITY or SUPERVISOR");
        }
        String text = note == null || note.isBlank() ? null : note.trim();
        if (text != null && text.length() > 500) {
            throw Refusal.invalid("note: at most 500 characters");
        }
        var made = store.call(machineId, target, text, audit.currentActor(), now());
        if (made.isEmpty()) {
            return new Called(store.open(machineId, target).orElseThrow(), false);
        }
        audit.record("CALL", "andon_call", Long.toString(made.get().id()), null, made.get());
        return new Called(made.get(), true);
    }

    /** The one answering is at the machine: the wait ends. */
    @Transactional
    public AndonCall acknowledge(long id, Set<String> roles) {
        AndonCall before = locked(id);
        mayAnswer(before, roles);
        before.checkAcknowledgeable();
        store.acknowledge(id, audit.currentActor(), now());
        return recorded("ACKNOWLEDGE", before);
    }

    /** The problem is solved: what was done, in a sentence. */
    @Transactional
    public AndonCall resolve(long id, String resolution, Set<String> roles) {
        AndonCall before = locked(id);
        mayAnswer(before, roles);
        String text = resolution == null ? "" : resolution.trim();
        if (text.isEmpty() || text.length() > 500) {
            throw Refusal.invalid("resolution is required: what was done (at most 500 characters)");
        }
        before.checkResolvable();
        store.resolve(id, audit.currentActor(), now(), text);
        return recorded("RESOLVE", before);
    }

    public CallView find(long id) {
        AndonCall c = store.find(id).orElseThrow(() -> Refusal.notFound("No andon call " + id));
        return new CallView(c, escalation().level(c, now()));
    }

    /** Calls, not resolved first, then newest first. */
    public List<CallView> list(String machineId, String status, Instant from, Instant to, int limit) {
        AndonCall.Status s = null;
        boolean openOnly = false;
        if ("ACTIVE".equals(status)) {
            openOnly = true;
        } else if (status != null) {
            try {
                s = AndonCall.Status.valueOf(status);
            } catch (IllegalArgumentException e) {
                throw Refusal.invalid("status must be one of " + List.of(AndonCall.Status.values()) + " or ACTIVE");
            }
        }
        if (limit < 1 || limit > 1000) {
            throw Refusal.invalid("limit must be between 1 and 1000");
        }
        Instant now = now();
        Escalation e = escalation();
        return store.list(new AndonStore.Filter(machineId, s, openOnly, from, to, limit)).stream().map(c -> new CallView(c, e.level(c, now)))
                .toList();
    }

    /** The calls not resolved yet, by machine id (for the overview, the line terminal and the maintenance page). */
    public Map<String, List<CallView>> activeByMachine() {
        Map<String, List<CallView>> out = new LinkedHashMap<>();
        list(null, "ACTIVE", null, null, 1000).forEach(v -> out.computeIfAbsent(v.call().machineId(), k -> new ArrayList<>()).add(v));
        return out;
    }

    /**
     * When the maintenance calls of a machine were answered in [from, to): for the maintenance
     * figures, which split a failure's time to restoration at its answer into response and repair.
     */
    public List<Instant> maintenanceAnswers(String machineId, Instant from, Instant to) {
        return store.answered(machineId, AndonCall.Target.MAINTENANCE, from, to).stream().map(AndonCall::acknowledgedAt).toList();
    }

    /** One round: records each call's escalation once per level, and holds ANDON_ESCALATED on the machines that have one. */
    public int escalate() {
        Instant now = now();
        Escalation e = escalation();
        Map<String, Finding> holding = new LinkedHashMap<>();
        Map<String, List<String>> texts = new LinkedHashMap<>();
        Map<String, Escalation.Level> worst = new LinkedHashMap<>();
        int changed = 0;
        for (CallView v : list(null, "ACTIVE", null, null, 1000)) {
            Escalation.Level level = e.level(v.call(), now);
            if (level == Escalation.Level.NONE) {
                continue;
            }
            if (escalateOnce(v.call(), level, now)) {
                changed++;
            }
            String machine = v.call().machineId();
            texts.computeIfAbsent(machine, k -> new ArrayList<>()).add(String.format(Locale.ROOT, "%s called %s min ago, %s",
                    v.call().target().label(), Duration.between(v.call().calledAt(), now).toMinutes(),
                    v.call().status() == AndonCall.Status.OPEN ? "nobody has answered" : "not resolved"));
            worst.merge(machine, level, (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        worst.forEach((machine, level) -> holding.put(machine, new Finding(now, ESCALATED_RULE,
                level == Escalation.Level.MANAGEMENT ? Severity.CRITICAL : Severity.WARNING, texts.get(machine).size(),
                "andon escalated to " + (level == Escalation.Level.MANAGEMENT ? "the plant management" : "the supervisor") + ": "
                        + String.join("; ", texts.get(machine)))));
        alerts.holdCondition(ESCALATED_RULE, holding, now);
        return changed;
    }

    @Transactional
    boolean escalateOnce(AndonCall call, Escalation.Level level, Instant now) {
        if (!store.escalate(call.id(), level.name(), now)) {
            return false;
        }
        audit.record(AuditTrail.SYSTEM, "ESCALATE", "andon_call", Long.toString(call.id()), call, store.find(call.id()).orElseThrow());
        return true;
    }

    public Escalation escalation() {
        return new Escalation(config.escalateUnacknowledgedAfter(), config.escalateUnresolvedAfter());
    }

    /** Who answers a call: the role called, or a supervisor or an admin for any call. */
    private static void mayAnswer(AndonCall call, Set<String> roles) {
        boolean may = roles.contains(Roles.ADMIN) || roles.contains(Roles.SUPERVISOR) || roles.contains(call.target().name());
        if (!may) {
            throw Refusal.notPermitted("A call to " + call.target().label() + " is answered by " + call.target().label()
                    + ", a supervisor or an admin");
        }
    }

    private AndonCall locked(long id) {
        return store.lock(id).orElseThrow(() -> Refusal.notFound("No andon call " + id));
    }

    private AndonCall recorded(String action, AndonCall before) {
        AndonCall after = store.find(before.id()).orElseThrow();
        audit.record(action, "andon_call", Long.toString(before.id()), before, after);
        return after;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
