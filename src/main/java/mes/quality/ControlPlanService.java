package mes.quality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import mes.audit.AuditTrail;
import mes.kernel.Refusal;
import mes.production.PartService;
import mes.quality.domain.InspectionFrequency;
import mes.quality.domain.Reaction;
import mes.quality.persistence.Characteristic;
import mes.quality.persistence.ControlPlanRevisions;
import mes.quality.persistence.Gauge;

/**
 * Control plans (IATF 16949 8.5.1.1, annex A): per part and operation, the characteristics checked,
 * their limits, whether they are special, how they are measured and with which gauge, the sample
 * size, when they are inspected, and what to do when one fails. A plan is a versioned document: a
 * change is a draft, which a second person approves; approving it supersedes the revision in
 * force and applies its characteristics (the ones it drops are deactivated, their inspections
 * keep pointing at them). Inspections follow the revision in force and name it.
 */
@ApplicationScoped
public class ControlPlanService {

    private static final Pattern CODE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$");

    /** One characteristic as it is entered, and as a revision's document keeps it. */
    @RegisterForReflection
    public record CharacteristicIn(String code, Integer operationNo, String name, String kind, Double nominal, Double lsl, Double usl,
            String unit, Boolean special, String method, String gaugeId, Integer sampleSize, String frequency, String reactionPlan,
            InspectionFrequency when, Reaction reaction) {
        public CharacteristicIn(String code, Integer operationNo, String name, String kind, Double nominal, Double lsl, Double usl,
                String unit, Boolean special, String method, String gaugeId, Integer sampleSize, String frequency, String reactionPlan) {
            this(code, operationNo, name, kind, nominal, lsl, usl, unit, special, method, gaugeId, sampleSize, frequency, reactionPlan, null,
                    null);
        }

        public CharacteristicIn(String code, Integer operationNo, String name, String kind, Double nominal, Double lsl, Double usl,
                String unit, Boolean special, String method, String gaugeId, Integer sampleSize, String frequency, String reactionPlan,
                InspectionFrequency when) {
            this(code, operationNo, name, kind, nominal, lsl, usl, unit, special, method, gaugeId, sampleSize, frequency, reactionPlan, when,
                    null);
        }

        public CharacteristicIn withReaction(Reaction r) {
            return new CharacteristicIn(code, operationNo, name, kind, nominal, lsl, usl, unit, special, method, gaugeId, sampleSize,
                    frequency, reactionPlan, when, r);
        }

        public boolean variable() {
            return Characteristic.VARIABLE.equals(kind);
        }

        public String limits() {
            return Characteristic.limits(kind, lsl, usl, unit);
        }

        /** As stored: trimmed, blanks as null, flags false when absent, limits only for a measured one. */
        CharacteristicIn normalised() {
            String k = ControlPlanService.kind(this);
            boolean variable = Characteristic.VARIABLE.equals(k);
            return new CharacteristicIn(code.trim(), operationNo, name.trim(), k, variable ? nominal : null, variable ? lsl : null,
                    variable ? usl : null, blankToNull(unit), Boolean.TRUE.equals(special), blankToNull(method), blankToNull(gaugeId),
                    sampleSize == null ? 1 : sampleSize, frequency.trim(), reactionPlan.trim(),
                    (when == null ? InspectionFrequency.NONE : when).normalised(), (reaction == null ? Reaction.NONE : reaction).normalised());
        }
    }

    /** One characteristic as the API and the audit trail show it. */
    public record CharacteristicView(long id, String partId, int operationNo, String code, String name, String kind, Double nominal,
            Double lsl, Double usl, String unit, boolean special, String method, String gaugeId, int sampleSize, String frequency,
            String reactionPlan, boolean active, InspectionFrequency when, Reaction reaction) {
        public static CharacteristicView of(Characteristic c) {
            return new CharacteristicView(c.id, c.partId, c.operationNo, c.code, c.name, c.kind, c.nominal, c.lsl, c.usl, c.unit, c.special,
                    c.method, c.gaugeId, c.sampleSize, c.frequency, c.reactionPlan, c.active, c.when(), c.reaction());
        }

        public boolean variable() {
            return Characteristic.VARIABLE.equals(kind);
        }

        public String limits() {
            return Characteristic.limits(kind, lsl, usl, unit);
        }
    }

    /** A revision of a part's plan: the document, who drafted it, who approved it, when it was superseded. */
    public record Revision(String partId, int revision, String status, List<CharacteristicIn> characteristics, String changeNote,
            String draftedBy, Instant draftedAt, String approvedBy, Instant approvedAt, String approvalNote, Instant supersededAt) {
        public boolean draft() {
            return ControlPlanRevisions.DRAFT.equals(status);
        }
    }

    /** The plan in force (revision null when the part has none approved yet) and the draft waiting for approval. */
    public record Plan(String partId, String description, Integer revision, String approvedBy, Instant approvedAt,
            List<CharacteristicView> characteristics, Revision draft) {
    }

    @Inject
    PartService parts;

    @Inject
    AuditTrail audit;

    @Inject
    ControlPlanRevisions revisions;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    public Plan plan(String partId) {
        var part = parts.get(partId);
        Revision inForce = revisions.inStatus(part.id(), ControlPlanRevisions.APPROVED).map(this::revision).orElse(null);
        Revision draft = revisions.inStatus(part.id(), ControlPlanRevisions.DRAFT).map(this::revision).orElse(null);
        return new Plan(part.id(), part.description(), inForce == null ? null : inForce.revision(),
                inForce == null ? null : inForce.approvedBy(), inForce == null ? null : inForce.approvedAt(),
                active(partId).stream().map(CharacteristicView::of).toList(), draft);
    }

    /** The revision in force of a part's plan, or null before one was approved. */
    public Integer revisionInForce(String partId) {
        return revisions.inStatus(partId, ControlPlanRevisions.APPROVED).map(ControlPlanRevisions.Row::revision).orElse(null);
    }

    public List<Revision> revisions(String partId) {
        parts.get(partId);
        return revisions.all(partId).stream().map(this::revision).toList();
    }

    public Revision revision(String partId, int revision) {
        return revisions.get(partId, revision).map(this::revision)
                .orElseThrow(() -> Refusal.notFound("the control plan of " + partId + " has no revision " + revision));
    }

    public List<Characteristic> active(String partId) {
        return Characteristic.list("partId = ?1 and active = true order by operationNo, code", partId);
    }

    public Characteristic get(long id) {
        return Characteristic.<Characteristic>findByIdOptional(id)
                .orElseThrow(() -> Refusal.notFound("no characteristic " + id));
    }

    /** The active characteristic of a part by its code. */
    public Characteristic byCode(String partId, String code) {
        return Characteristic.<Characteristic>find("partId = ?1 and code = ?2 and active = true", partId, code).firstResultOptional()
                .orElseThrow(() -> Refusal.invalid("the control plan of " + partId + " has no characteristic '" + code + "'"));
    }

    /** Writes the part's draft: the whole plan as it shall be, with a note of what changed. Nothing is in force until approved. */
    @Transactional
    public Revision draft(String partId, List<CharacteristicIn> in, String changeNote) {
        var part = parts.get(partId);
        if (in == null || in.size() > 500) {
            throw Refusal.invalid("characteristics must be a list of at most 500");
        }
        if (changeNote != null && changeNote.length() > 1000) {
            throw Refusal.invalid("the change note is longer than 1000 characters");
        }
        Set<String> codes = new HashSet<>();
        List<CharacteristicIn> document = new ArrayList<>();
        for (CharacteristicIn c : in) {
            validate(part, c);
            if (!codes.add(c.code().trim())) {
                throw Refusal.invalid("characteristic " + c.code().trim() + " is listed twice");
            }
            document.add(c.normalised());
        }
        document.sort(java.util.Comparator.comparing(CharacteristicIn::operationNo).thenComparing(CharacteristicIn::code));
        Revision before = revisions.inStatusForUpdate(partId, ControlPlanRevisions.DRAFT).map(this::revision).orElse(null);
        int n = revisions.saveDraft(partId, write(document), blankToNull(changeNote), audit.currentActor(), clock.instant());
        Revision after = revision(partId, n);
        audit.record("DRAFT_CONTROL_PLAN", "control_plan", partId + "/" + n, before, after);
        return after;
    }

    /** Adds or changes one characteristic in the part's draft (begun from the revision in force when there is none): the page's form. */
    @Transactional
    public Revision draftCharacteristic(String partId, CharacteristicIn in) {
        var part = parts.get(partId);
        validate(part, in);
        List<CharacteristicIn> document = new ArrayList<>(workingCopy(partId).characteristics());
        document.removeIf(c -> c.code().equals(in.code().trim()));
        document.add(in);
        return draft(partId, document, workingCopy(partId).changeNote());
    }

    /** Takes a characteristic out of the part's draft; once approved, its inspections stay and it is no longer inspected. */
    @Transactional
    public Revision draftWithout(String partId, String code) {
        Revision working = workingCopy(partId);
        List<CharacteristicIn> document = new ArrayList<>(working.characteristics());
        if (!document.removeIf(c -> c.code().equals(code))) {
            throw Refusal.invalid("the control plan of " + partId + " has no characteristic '" + code + "'");
        }
        return draft(partId, document, working.changeNote());
    }

    /** The draft, or the revision in force to begin one from, or an empty plan. */
    private Revision workingCopy(String partId) {
        return revisions.inStatus(partId, ControlPlanRevisions.DRAFT)
                .or(() -> revisions.inStatus(partId, ControlPlanRevisions.APPROVED))
                .map(r -> {
                    Revision v = revision(r);
                    return v.draft() ? v
                            : new Revision(partId, 0, ControlPlanRevisions.DRAFT, v.characteristics(), null, null, null, null, null, null,
                                    null);
                })
                .orElse(new Revision(partId, 0, ControlPlanRevisions.DRAFT, List.of(), null, null, null, null, null, null, null));
    }

    /**
     * A second person approves the draft: it comes into force, the revision before is superseded,
     * and the characteristics are applied (the ones it drops deactivated).
     */
    @Transactional
    public Plan approve(String partId, int revision, String note) {
        var part = parts.get(partId);
        ControlPlanRevisions.Row draft = revisions.inStatusForUpdate(partId, ControlPlanRevisions.DRAFT)
                .filter(r -> r.revision() == revision)
                .orElseThrow(() -> Refusal.conflict("revision " + revision + " of the control plan of " + partId
                        + " is not a draft waiting for approval"));
        String actor = audit.currentActor();
        if (draft.draftedBy().equals(actor)) {
            throw Refusal.notPermitted("revision " + revision + " was drafted by " + actor
                    + ": a second person approves a control plan");
        }
        if (note != null && note.length() > 1000) {
            throw Refusal.invalid("the note is longer than 1000 characters");
        }
        List<CharacteristicIn> document = read(draft.characteristics());
        for (CharacteristicIn c : document) {
            validate(part, c); // the routing or a gauge may have changed since the draft
        }
        Revision before = revisions.inStatusForUpdate(partId, ControlPlanRevisions.APPROVED).map(this::revision).orElse(null);
        Set<String> codes = new HashSet<>();
        Instant now = clock.instant();
        for (CharacteristicIn c : document) {
            upsert(partId, c);
            codes.add(c.code());
        }
        for (Characteristic c : active(partId)) {
            if (!codes.contains(c.code)) {
                c.active = false;
                c.updatedAt = now;
            }
        }
        Characteristic.flush();
        revisions.approve(partId, revision, actor, blankToNull(note), now);
        audit.record("APPROVE_CONTROL_PLAN", "control_plan", partId + "/" + revision, before, revision(partId, revision));
        return plan(partId);
    }

    /** Discards a draft; the revision in force stays. */
    @Transactional
    public void discard(String partId, int revision) {
        Revision draft = revision(partId, revision);
        if (!draft.draft() || !revisions.discardDraft(partId, revision)) {
            throw Refusal.conflict("revision " + revision + " of the control plan of " + partId + " is " + draft.status()
                    .toLowerCase(java.util.Locale.ROOT) + ": only a draft can be discarded");
        }
        audit.record("DISCARD_CONTROL_PLAN", "control_plan", partId + "/" + revision, draft, null);
    }

    private Revision revision(ControlPlanRevisions.Row r) {
        return new Revision(r.partId(), r.revision(), r.status(), read(r.characteristics()), r.changeNote(), r.draftedBy(), r.draftedAt(),
                r.approvedBy(), r.approvedAt(), r.approvalNote(), r.supersededAt());
    }

    private String write(List<CharacteristicIn> document) {
        try {
            return json.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<CharacteristicIn> read(String document) {
        try {
            return List.of(json.readValue(document, CharacteristicIn[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a control plan revision that cannot be read: " + e.getMessage(), e);
        }
    }

    private Characteristic upsert(String partId, CharacteristicIn in) {
        Characteristic c = Characteristic.<Characteristic>find("partId = ?1 and code = ?2", partId, in.code().trim()).firstResultOptional()
                .orElse(null);
        Instant now = clock.instant();
        if (c == null) {
            c = new Characteristic();
            c.partId = partId;
            c.code = in.code().trim();
            c.createdAt = now;
        }
        c.operationNo = in.operationNo();
        c.name = in.name().trim();
        c.kind = kind(in);
        boolean variable = Characteristic.VARIABLE.equals(c.kind);
        c.nominal = variable ? in.nominal() : null;
        c.lsl = variable ? in.lsl() : null;
        c.usl = variable ? in.usl() : null;
        c.unit = blankToNull(in.unit());
        c.special = Boolean.TRUE.equals(in.special());
        c.method = blankToNull(in.method());
        c.gaugeId = blankToNull(in.gaugeId());
        c.sampleSize = in.sampleSize() == null ? 1 : in.sampleSize();
        c.frequency = in.frequency().trim();
        c.reactionPlan = in.reactionPlan().trim();
        c.when(in.when());
        c.reaction(in.reaction());
        c.active = true;
        c.updatedAt = now;
        if (c.id == null) {
            c.persist();
        }
        return c;
    }

    private static String kind(CharacteristicIn in) {
        return in.kind() == null || in.kind().isBlank() ? Characteristic.VARIABLE : in.kind().trim().toUpperCase(java.util.Locale.ROOT);
    }

    private void validate(PartService.PartView part, CharacteristicIn c) {
        if (c == null) {
            throw Refusal.invalid("a characteristic is missing");
        }
        String what = c.code() == null ? "a characteristic" : "characteristic " + c.code().trim();
        if (c.code() == null || !CODE.matcher(c.code().trim()).matches()) {
            throw Refusal.invalid("code must be 1-64 letters, digits or _ . -, starting with a letter or digit");
        }
        if (c.operationNo() == null || c.operationNo() <= 0) {
            throw Refusal.invalid(what + ": operationNo must be a positive whole number");
        }
        List<Integer> operations = new ArrayList<>(part.routing().stream().map(PartService.Operation::operationNo).distinct().toList());
        if (!operations.isEmpty() && !operations.contains(c.operationNo())) {
            throw Refusal.invalid(what + ": operation " + c.operationNo() + " is not in the routing of " + part.id()
                    + " (operations " + operations + ")");
        }
        requireText(what + ": name", c.name(), 200);
        requireText(what + ": frequency", c.frequency(), 200);
        requireText(what + ": reaction plan", c.reactionPlan(), 1000);
        String kind = kind(c);
        if (!Characteristic.VARIABLE.equals(kind) && !Characteristic.ATTRIBUTE.equals(kind)) {
            throw Refusal.invalid(what + ": kind must be VARIABLE (measured) or ATTRIBUTE (pass / fail)");
        }
        if (Characteristic.VARIABLE.equals(kind)) {
            if (c.lsl() == null && c.usl() == null) {
                throw Refusal.invalid(what + ": a measured characteristic needs a lower or an upper limit, or both");
            }
            for (Double v : new Double[] {c.lsl(), c.usl(), c.nominal()}) {
                if (v != null && !Double.isFinite(v)) {
                    throw Refusal.invalid(what + ": limits must be finite numbers");
                }
            }
            if (c.lsl() != null && c.usl() != null && !(c.lsl() < c.usl())) {
                throw Refusal.invalid(what + ": the lower limit " + c.lsl() + " must be below the upper limit " + c.usl());
            }
            if (c.nominal() != null && (c.lsl() != null && c.nominal() < c.lsl() || c.usl() != null && c.nominal() > c.usl())) {
                throw Refusal.invalid(what + ": the nominal " + c.nominal() + " lies outside the limits");
            }
        }
        if (c.sampleSize() != null && (c.sampleSize() < 1 || c.sampleSize() > 10)) {
            throw Refusal.invalid(what + ": sample size must be 1 (individual values) to 10 (the subgroups of an X-bar/R chart)");
        }
        if (c.unit() != null && c.unit().length() > 20) {
            throw Refusal.invalid(what + ": unit is longer than 20 characters");
        }
        if (c.method() != null && c.method().length() > 200) {
            throw Refusal.invalid(what + ": method is longer than 200 characters");
        }
        String gauge = blankToNull(c.gaugeId());
        if (gauge != null && Gauge.findByIdOptional(gauge).isEmpty()) {
            throw Refusal.invalid(what + ": no gauge '" + gauge + "'");
        }
        String when = c.when() == null ? null : c.when().refusal();
        if (when != null) {
            throw Refusal.invalid(what + ": inspected " + when);
        }
    }

    private static void requireText(String what, String value, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            throw Refusal.invalid(what + " is required, at most " + max + " characters");
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
