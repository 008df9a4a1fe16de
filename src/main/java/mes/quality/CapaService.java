package mes.quality;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import mes.audit.AuditTrail;
import mes.kernel.Refusal;
import mes.quality.domain.CapaRules;
import mes.quality.persistence.Capa;
import mes.quality.persistence.CapaAction;
import mes.quality.persistence.CapaChecks;

/**
 * Corrective action (ISO 9001 10.2): the problem (often a nonconformity), its root cause, actions
 * with owners and due dates, effectiveness checks, and closure once the actions worked. Ageing and
 * overdue actions are listed for the quality engineers' review. Dates are the plant's calendar
 * dates in UTC.
 */
@ApplicationScoped
public class CapaService {

    public record ActionView(long id, long capaId, String description, String owner, LocalDate dueOn, Instant doneAt, String doneBy,
            String doneNote, boolean overdue) {
        static ActionView of(CapaAction a, LocalDate today) {
            return new ActionView(a.id, a.capaId, a.description, a.owner, a.dueOn, a.doneAt, a.doneBy, a.doneNote,
                    CapaRules.overdue(new CapaRules.Action(a.dueOn, a.doneAt != null, a.doneAt), today));
        }

        public boolean done() {
            return doneAt != null;
        }
    }

    public record Check(long id, long capaId, boolean effective, String evidence, String checkedBy, Instant checkedAt) {
    }

    public record View(long id, String number, String title, Long nonconformityId, String problem, String rootCause, String owner,
            LocalDate dueOn, String status, String openedBy, Instant openedAt, String closedBy, Instant closedAt, long ageDays, boolean overdue,
            List<ActionView> actions, List<Check> checks, String closeRefusal) {
        public boolean closed() {
            return Capa.CLOSED.equals(status);
        }
    }

    @Inject
    CapaChecks capaChecks;

    @Inject
    AuditTrail audit;

    @Inject
    NonconformityService nonconformities;

    @Inject
    Clock clock;

    LocalDate today() {
        return clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
    }

    public View get(long id) {
        return view(find(id));
    }

    private Capa find(long id) {
        return Capa.<Capa>findByIdOptional(id).orElseThrow(() -> Refusal.notFound("no CAPA " + id));
    }

    private Capa lock(long id) {
        return Capa.<Capa>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE).orElseThrow(() -> Refusal.notFound("no CAPA " + id));
    }

    /** Open ones first, oldest first; then the closed, newest first. */
    public List<View> list(boolean includeClosed, int limit) {
        List<Capa> open = Capa.<Capa>list("status = ?1 order by openedAt, id", Capa.OPEN);
        List<View> out = new ArrayList<>(open.stream().map(this::view).toList());
        if (includeClosed) {
            Capa.<Capa>find("status = ?1 order by closedAt desc, id desc", Capa.CLOSED).page(0, limit).list().forEach(c -> out.add(view(c)));
        }
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    /** Open actions past their due date, the longest overdue first. */
    public List<ActionView> overdueActions() {
        LocalDate today = today();
        return CapaAction.<CapaAction>list("doneAt is null and dueOn < ?1 order by dueOn, id", today).stream()
                .map(a -> ActionView.of(a, today)).toList();
    }

    public List<View> ofNonconformity(long ncrId) {
        return Capa.<Capa>list("nonconformityId = ?1 order by openedAt", ncrId).stream().map(this::view).toList();
    }

    @Transactional
    public View open(String title, String problem, String owner, LocalDate dueOn, Long nonconformityId) {
        text("title", title, 200);
        text("problem", problem, 2000);
        text("owner", owner, 64);
        if (dueOn == null) {
            throw Refusal.invalid("dueOn (the target date) is required");
        }
        if (nonconformityId != null) {
            nonconformities.find(nonconformityId);
        }
        Capa c = new Capa();
        c.title = title.trim();
        c.problem = problem.trim();
        c.owner = owner.trim();
        c.dueOn = dueOn;
        c.nonconformityId = nonconformityId;
        c.status = Capa.OPEN;
        c.openedBy = audit.currentActor();
        c.openedAt = clock.instant();
        c.persist();
        c.flush();
        View v = view(c);
        audit.record("OPEN", "capa", String.valueOf(c.id), null, v);
        return v;
    }

    @Transactional
    public View rootCause(long id, String rootCause) {
        Capa c = openOnes(id);
        text("root cause", rootCause, 2000);
        View before = view(c);
        c.rootCause = rootCause.trim();
        c.flush();
        return changed("ROOT_CAUSE", c, before);
    }

    @Transactional
    public View addAction(long id, String description, String owner, LocalDate dueOn) {
        Capa c = openOnes(id);
        text("description", description, 1000);
        text("owner", owner, 64);
        if (dueOn == null) {
            throw Refusal.invalid("dueOn is required");
        }
        View before = view(c);
        CapaAction a = new CapaAction();
        a.capaId = c.id;
        a.description = description.trim();
        a.owner = owner.trim();
        a.dueOn = dueOn;
        a.persist();
        a.flush();
        return changed("ADD_ACTION", c, before);
    }

    @Transactional
    public View completeAction(long id, long actionId, String note) {
        Capa c = openOnes(id);
        CapaAction a = CapaAction.<CapaAction>findByIdOptional(actionId).filter(x -> x.capaId == id)
                .orElseThrow(() -> Refusal.notFound(c.number() + " has no action " + actionId));
        if (a.doneAt != null) {
            throw Refusal.conflict("action " + actionId + " was done already");
        }
        if (note != null && note.length() > 1000) {
            throw Refusal.invalid("note is longer than 1000 characters");
        }
        View before = view(c);
        a.doneAt = clock.instant();
        a.doneBy = audit.currentActor();
        a.doneNote = ControlPlanService.blankToNull(note);
        a.flush();
        return changed("ACTION_DONE", c, before);
    }

    /** Records an effectiveness check: evidence, and whether the actions worked. */
    @Transactional
    public View check(long id, Boolean effective, String evidence) {
        Capa c = openOnes(id);
        if (effective == null) {
            throw Refusal.invalid("effective (true or false) is required");
        }
        text("evidence", evidence, 2000);
        List<CapaAction> actions = actions(id);
        if (actions.isEmpty() || actions.stream().anyMatch(a -> a.doneAt == null)) {
            throw Refusal.conflict("effectiveness is checked once every action is done");
        }
        View before = view(c);
        capaChecks.add(id, effective, evidence.trim(), audit.currentActor(), clock.instant());
        return changed(effective ? "CHECK_EFFECTIVE" : "CHECK_NOT_EFFECTIVE", c, before);
    }

    @Transactional
    public View close(long id) {
        Capa c = openOnes(id);
        View before = view(c);
        if (before.closeRefusal() != null) {
            throw Refusal.conflict(c.number() + " cannot close: " + before.closeRefusal());
        }
        c.status = Capa.CLOSED;
        c.closedBy = audit.currentActor();
        c.closedAt = clock.instant();
        c.flush();
        return changed("CLOSE", c, before);
    }

    private View changed(String action, Capa c, View before) {
        View after = view(c);
        audit.record(action, "capa", String.valueOf(c.id), before, after);
        return after;
    }

    private Capa openOnes(long id) {
        Capa c = lock(id);
        if (Capa.CLOSED.equals(c.status)) {
            throw Refusal.conflict(c.number() + " is closed");
        }
        return c;
    }

    private List<CapaAction> actions(long id) {
        return CapaAction.list("capaId = ?1 order by dueOn, id", id);
    }

    private List<Check> checks(long id) {
        return capaChecks.of(id);
    }

    private View view(Capa c) {
        LocalDate today = today();
        List<CapaAction> actions = actions(c.id);
        List<Check> checks = checks(c.id);
        Check last = checks.isEmpty() ? null : checks.get(checks.size() - 1);
        String refusal = Capa.CLOSED.equals(c.status) ? "closed" : CapaRules.closeRefusal(c.rootCause,
                actions.stream().map(a -> new CapaRules.Action(a.dueOn, a.doneAt != null, a.doneAt)).toList(),
                last == null ? null : new CapaRules.Check(last.effective(), last.checkedAt()));
        Instant end = c.closedAt == null ? clock.instant() : c.closedAt;
        return new View(c.id, c.number(), c.title, c.nonconformityId, c.problem, c.rootCause, c.owner, c.dueOn, c.status, c.openedBy,
                c.openedAt, c.closedBy, c.closedAt, java.time.Duration.between(c.openedAt, end).toDays(),
                !Capa.CLOSED.equals(c.status) && c.dueOn.isBefore(today), actions.stream().map(a -> ActionView.of(a, today)).toList(), checks,
                refusal);
    }

    private static void text(String what, String value, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            throw Refusal.invalid(what + " is required, at most " + max + " characters");
        }
    }
}
