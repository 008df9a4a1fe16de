package mes.quality.domain;

/**
 * What a characteristic's reaction plan does by itself when a limit or an SPC rule breaks (IATF
 * 16949 8.7.1.1): put the lots made since the last good inspection on hold, raise a nonconformity
 * with the evidence. The plan's text says what the people do; none of the two set means the text
 * alone.
 */
public record Reaction(Boolean holdSinceLastGood, Boolean raiseNcr) {

    public static final Reaction NONE = new Reaction(false, false);

    public Reaction normalised() {
        return new Reaction(holds(), raises());
    }

    public boolean holds() {
        return Boolean.TRUE.equals(holdSinceLastGood);
    }

    public boolean raises() {
        return Boolean.TRUE.equals(raiseNcr);
    }

    public boolean none() {
        return !holds() && !raises();
    }

    /** The signal of a limit broken. */
    public static final String LIMIT = "LIMIT";

    /** The signal of an inspection: LIMIT when it failed, else the first SPC rule its point breaks, or null. */
    public static String signal(boolean failed, java.util.List<String> spcViolations) {
        if (failed) {
            return LIMIT;
        }
        return spcViolations.isEmpty() ? null : spcViolations.get(0);
    }
}
