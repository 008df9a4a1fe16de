package mes.quality.domain;

/**
 * Four eyes on inspection evidence (IATF 16949 7.5.3, 8.6): a correction that changes the verdict
 * of an inspection, and any correction of a special characteristic (CC/SC), is only requested by
 * one person; a second person approves or rejects it, and only an approval writes the correcting
 * record. A correction that leaves the verdict of an ordinary characteristic as it was (a value
 * typed wrong, the same PASS) is made by one person, with its reason.
 */
public final class CorrectionRule {

    private CorrectionRule() {
    }

    public static boolean needsSecondPerson(boolean special, String oldResult, String newResult) {
        return special || !oldResult.equals(newResult);
    }

    /** Why this person may not decide the request, or null. */
    public static String refusal(String requestedBy, String decidedBy) {
        return requestedBy.equals(decidedBy)
                ? "the correction was requested by " + requestedBy + ": a second person approves or rejects it"
                : null;
    }
}
