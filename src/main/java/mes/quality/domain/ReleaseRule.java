package mes.quality.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Product release (ISO 9001 8.6, IATF 16949 8.6.1 and 8.7.1): a lot may be released when nothing
 * stands in its way. What stands in its way (a blocker) is any of: a characteristic of its control
 * plan without a current inspection, with a failed one, or with one made with a gauge that was not
 * in calibration; an input lot of its genealogy on hold; its order's quantities that cannot be
 * true; a nonconformity on it that is not closed. Only a concession by an authorised person
 * releases a lot past its blockers, and the release keeps each of them by name. A lot on hold
 * itself, still open, or released already is never released.
 */
public final class ReleaseRule {

    /** What stands in the way of a release, and why; the code names it in a concession. */
    public record Blocker(String code, String why) {
        public String text() {
            return code + " " + why;
        }
    }

    /** The lot's current inspection of a characteristic: its result, and whether its gauge was in calibration. */
    public record Current(String result, boolean gaugeNotInCalibration) {
    }

    private ReleaseRule() {
    }

    /**
     * @param planned the characteristic codes of the lot's control plan
     * @param current the lot's current inspection per characteristic code
     * @param inputsOnHold the lots of its genealogy (what it was made from, at any depth) on hold
     * @param quantities why its order's quantities cannot be true, or null
     * @param openNonconformities the numbers of the nonconformities on it not closed
     */
    public static List<Blocker> blockers(Collection<String> planned, Map<String, Current> current, Collection<String> inputsOnHold,
            String quantities, Collection<String> openNonconformities) {
        List<Blocker> out = new ArrayList<>();
        for (String code : planned) {
            Current c = current.get(code);
            if (c == null) {
                out.add(new Blocker(code, "not inspected"));
            } else if (!"PASS".equals(c.result())) {
                out.add(new Blocker(code, "failed"));
            } else if (c.gaugeNotInCalibration()) {
                out.add(new Blocker(code, "inspected with a gauge that was not in calibration"));
            }
        }
        for (String lot : inputsOnHold) {
            out.add(new Blocker("input lot " + lot, "is on hold"));
        }
        if (quantities != null) {
            out.add(new Blocker("quantities", "implausible: " + quantities));
        }
        for (String ncr : openNonconformities) {
            out.add(new Blocker("nonconformity " + ncr, "is not closed"));
        }
        return out;
    }

    /** Why the lot cannot be released now, or null when it can: a hold, an open production lot, a release already made, blockers without a concession. */
    public static String refusal(boolean released, boolean onHold, boolean open, List<Blocker> blockers, boolean concession) {
        if (released) {
            return "the lot is released already";
        }
        if (onHold) {
            return "the lot is on hold: disposition comes first";
        }
        if (open) {
            return "the lot is still open on its line: close it first";
        }
        if (!blockers.isEmpty() && !concession) {
            return "blocked by " + text(blockers) + ": only a concession releases it, and the release records each of them";
        }
        return null;
    }

    /** The blockers as one line, each by name. */
    public static String text(List<Blocker> blockers) {
        return String.join("; ", blockers.stream().map(Blocker::text).toList());
    }
}
