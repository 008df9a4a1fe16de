package mes.quality.domain;

import java.util.List;

/**
 * A nonconformity's life: OPEN when raised; a disposition closes it, except rework, which waits
 * in REWORK for a re-inspection; a passing re-inspection closes it, a failing one leaves it in
 * REWORK for another disposition (rework again, scrap, ...).
 */
public enum NonconformityStatus {
    OPEN, REWORK, CLOSED;

    /** Why the disposition is refused, or null. {@code lotKinds} are the kinds (PRODUCED, RECEIVED) of its lots. */
    public String dispositionRefusal(Disposition d, String note, List<String> lotKinds) {
        if (this == CLOSED) {
            return "the nonconformity is closed";
        }
        if (d.needsConcession() && (note == null || note.isBlank())) {
            return "use as is needs the concession: who agreed and on what terms";
        }
        if (d == Disposition.RETURN_TO_SUPPLIER && (lotKinds.isEmpty() || !lotKinds.stream().allMatch("RECEIVED"::equals))) {
            return "only material received from a supplier can be returned to the supplier";
        }
        if (d == Disposition.REWORK && lotKinds.isEmpty()) {
            return "rework needs the lot to re-inspect";
        }
        return null;
    }

    public NonconformityStatus after(Disposition d) {
        return d.closes() ? CLOSED : REWORK;
    }

    public NonconformityStatus afterReinspection(boolean passed) {
        if (this != REWORK) {
            throw new IllegalStateException("re-inspection follows rework");
        }
        return passed ? CLOSED : REWORK;
    }
}
