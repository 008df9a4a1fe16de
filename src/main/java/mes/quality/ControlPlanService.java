package mes.quality;

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
import mes.production.PartService;
import mes.quality.persistence.Characteristic;
import mes.quality.persistence.Gauge;
import mes.web.problem.ProblemException;

/**
 * Control plans (IATF 16949 annex A): per part and operation, the characteristics checked, their
 * limits, whether they are special, how they are measured and with which gauge, the sample size
 * and frequency, and what to do when one fails. Replacing a plan deactivates what it drops:
 * inspections keep pointing at the characteristic they measured.
 */
@ApplicationScoped
public class ControlPlanService {

    private static final Pattern CODE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$");

    /** One characteristic as it is entered. */
    public record CharacteristicIn(String code, Integer operationNo, String name, String kind, Double nominal, Double lsl, Double usl,
            String unit, Boolean special, String method, String gaugeId, Integer sampleSize, String frequency, String reactionPlan) {
    }

    /** One characteristic as the API and the audit trail show it. */
    public record CharacteristicView(long id, String partId, int operationNo, String code, String name, String kind, Double nominal,
            Double lsl, Double usl, String unit, boolean special, String method, String gaugeId, int sampleSize, String frequency,
            String reactionPlan, boolean active) {
        public static CharacteristicView of(Characteristic c) {
            return new CharacteristicView(c.id, c.partId, c.operationNo, c.code, c.name, c.kind, c.nominal, c.lsl, c.usl, c.unit, c.special,
                    c.method, c.gaugeId, c.sampleSize, c.frequency, c.reactionPlan, c.active);
        }
    }

    public record Plan(String partId, String description, List<CharacteristicView> characteristics) {
    }

    @Inject
    PartService parts;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    public Plan plan(String partId) {
        var part = parts.get(partId);
        return new Plan(part.id(), part.description(), active(partId).stream().map(CharacteristicView::of).toList());
    }

    public List<Characteristic> active(String partId) {
        return Characteristic.list("partId = ?1 and active = true order by operationNo, code", partId);
    }

    public Characteristic get(long id) {
        return Characteristic.<Characteristic>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("no characteristic " + id));
    }

    /** The active characteristic of a part by its code. */
    public Characteristic byCode(String partId, String code) {
        return Characteristic.<Characteristic>find("partId = ?1 and code = ?2 and active = true", partId, code).firstResultOptional()
                .orElseThrow(() -> ProblemException.badRequest("the control plan of " + partId + " has no characteristic '" + code + "'"));
    }

    /** Replaces the part's plan: the characteristics given are created or updated, the others deactivated. */
    @Transactional
    public Plan replace(String partId, List<CharacteristicIn> in) {
        var part = parts.get(partId);
        if (in == null || in.size() > 500) {
            throw ProblemException.badRequest("characteristics must be a list of at most 500");
        }
        Set<String> codes = new HashSet<>();
        for (CharacteristicIn c : in) {
            validate(part, c);
            if (!codes.add(c.code().trim())) {
                throw ProblemException.badRequest("characteristic " + c.code().trim() + " is listed twice");
            }
        }
        List<CharacteristicView> before = plan(partId).characteristics();
        for (CharacteristicIn c : in) {
            upsert(partId, c);
        }
        for (Characteristic c : active(partId)) {
            if (!codes.contains(c.code)) {
                c.active = false;
                c.updatedAt = clock.instant();
            }
        }
        Characteristic.flush();
        Plan after = plan(partId);
        if (!before.equals(after.characteristics())) {
            audit.record("PUT_CONTROL_PLAN", "control_plan", partId, before, after.characteristics());
        }
        return after;
    }

    /** Creates or updates one characteristic of the part's plan (the page's form). */
    @Transactional
    public CharacteristicView put(String partId, CharacteristicIn in) {
        var part = parts.get(partId);
        validate(part, in);
        Characteristic existing = Characteristic.<Characteristic>find("partId = ?1 and code = ?2", partId, in.code().trim())
                .firstResultOptional().orElse(null);
        CharacteristicView before = existing == null ? null : CharacteristicView.of(existing);
        Characteristic c = upsert(partId, in);
        c.flush();
        CharacteristicView after = CharacteristicView.of(c);
        audit.recordChange("characteristic", partId + "/" + c.code, before, after);
        return after;
    }

    /** Takes a characteristic out of the plan; its inspections stay. */
    @Transactional
    public void deactivate(String partId, String code) {
        Characteristic c = byCode(partId, code);
        CharacteristicView before = CharacteristicView.of(c);
        c.active = false;
        c.updatedAt = clock.instant();
        audit.record("DEACTIVATE", "characteristic", partId + "/" + code, before, CharacteristicView.of(c));
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
            throw ProblemException.badRequest("a characteristic is missing");
        }
        String what = c.code() == null ? "a characteristic" : "characteristic " + c.code().trim();
        if (c.code() == null || !CODE.matcher(c.code().trim()).matches()) {
            throw ProblemException.badRequest("code must be 1-64 letters, digits or _ . -, starting with a letter or digit");
        }
        if (c.operationNo() == null || c.operationNo() <= 0) {
            throw ProblemException.badRequest(what + ": operationNo must be a positive whole number");
        }
        List<Integer> operations = new ArrayList<>(part.routing().stream().map(PartService.Operation::operationNo).distinct().toList());
        if (!operations.isEmpty() && !operations.contains(c.operationNo())) {
            throw ProblemException.badRequest(what + ": operation " + c.operationNo() + " is not in the routing of " + part.id()
                    + " (operations " + operations + ")");
        }
        requireText(what + ": name", c.name(), 200);
        requireText(what + ": frequency", c.frequency(), 200);
        requireText(what + ": reaction plan", c.reactionPlan(), 1000);
        String kind = kind(c);
        if (!Characteristic.VARIABLE.equals(kind) && !Characteristic.ATTRIBUTE.equals(kind)) {
            throw ProblemException.badRequest(what + ": kind must be VARIABLE (measured) or ATTRIBUTE (pass / fail)");
        }
        if (Characteristic.VARIABLE.equals(kind)) {
            if (c.lsl() == null && c.usl() == null) {
                throw ProblemException.badRequest(what + ": a measured characteristic needs a lower or an upper limit, or both");
            }
            for (Double v : new Double[] {c.lsl(), c.usl(), c.nominal()}) {
                if (v != null && !Double.isFinite(v)) {
                    throw ProblemException.badRequest(what + ": limits must be finite numbers");
                }
            }
            if (c.lsl() != null && c.usl() != null && !(c.lsl() < c.usl())) {
                throw ProblemException.badRequest(what + ": the lower limit " + c.lsl() + " must be below the upper limit " + c.usl());
            }
            if (c.nominal() != null && (c.lsl() != null && c.nominal() < c.lsl() || c.usl() != null && c.nominal() > c.usl())) {
                throw ProblemException.badRequest(what + ": the nominal " + c.nominal() + " lies outside the limits");
            }
        }
        if (c.sampleSize() != null && (c.sampleSize() < 1 || c.sampleSize() > 10)) {
            throw ProblemException.badRequest(what + ": sample size must be 1 (individual values) to 10 (the subgroups of an X-bar/R chart)");
        }
        if (c.unit() != null && c.unit().length() > 20) {
            throw ProblemException.badRequest(what + ": unit is longer than 20 characters");
        }
        if (c.method() != null && c.method().length() > 200) {
            throw ProblemException.badRequest(what + ": method is longer than 200 characters");
        }
        String gauge = blankToNull(c.gaugeId());
        if (gauge != null && Gauge.findByIdOptional(gauge).isEmpty()) {
            throw ProblemException.badRequest(what + ": no gauge '" + gauge + "'");
        }
    }

    private static void requireText(String what, String value, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            throw ProblemException.badRequest(what + " is required, at most " + max + " characters");
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
