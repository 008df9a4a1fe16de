package mes.quality.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Product release (ISO 9001 8.6): a lot may be released when, for every characteristic its
 * control plan lists, the lot's current inspection (the newest one not superseded) passed.
 * Otherwise only a concession by an authorised person releases it, and the release keeps what
 * was outstanding.
 */
public final class ReleaseRule {

    /** A characteristic that stands in the way, and why. */
    public record Outstanding(String characteristic, String why) {
    }

    private ReleaseRule() {
    }

    /**
     * @param planned the characteristic codes of the lot's control plan
     * @param current the lot's current inspection result per characteristic code, PASS or FAIL
     */
    public static List<Outstanding> outstanding(Collection<String> planned, Map<String, String> current) {
        List<Outstanding> out = new ArrayList<>();
        for (String code : planned) {
            String result = current.get(code);
            if (result == null) {
                out.add(new Outstanding(code, "not inspected"));
            } else if (!"PASS".equals(result)) {
                out.add(new Outstanding(code, "failed"));
            }
        }
        return out;
    }

    /** Why the lot cannot be released now, or null when it can: a hold, an open production lot, a release already made. */
    public static String refusal(boolean released, boolean onHold, boolean open, List<Outstanding> outstanding, boolean concession) {
        if (released) {
            return "the lot is released already";
        }
        if (onHold) {
            return "the lot is on hold: disposition comes first";
        }
        if (open) {
            return "the lot is still open on its line: close it first";
        }
        if (!outstanding.isEmpty() && !concession) {
            return "planned inspections are outstanding (" + String.join(", ", outstanding.stream()
                    .map(o -> o.characteristic() + " " + o.why()).toList()) + "): release needs a concession";
        }
        return null;
    }
}
