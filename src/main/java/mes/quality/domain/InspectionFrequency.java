package mes.quality.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * When a characteristic of the control plan is inspected (IATF 16949 8.5.1.1 e, 8.5.1.3): the
 * first piece after a set-up, after a stop longer than {@code afterStopMinutes}, after
 * maintenance, every {@code everyParts} parts, every {@code everyMinutes} minutes, the last piece
 * of an order. Any combination; none at all means the plan's wording alone says when.
 */
public record InspectionFrequency(Boolean firstOff, Integer afterStopMinutes, Boolean afterMaintenance, Integer everyParts,
        Integer everyMinutes, Boolean lastPiece) {

    public static final InspectionFrequency NONE = new InspectionFrequency(false, null, false, null, null, false);

    public static final int MAX_MINUTES = 10_080;
    public static final int MAX_PARTS = 10_000_000;

    /** Absent flags are false. */
    public InspectionFrequency normalised() {
        return new InspectionFrequency(Boolean.TRUE.equals(firstOff), afterStopMinutes, Boolean.TRUE.equals(afterMaintenance), everyParts,
                everyMinutes, Boolean.TRUE.equals(lastPiece));
    }

    public boolean isFirstOff() {
        return Boolean.TRUE.equals(firstOff);
    }

    public boolean isAfterMaintenance() {
        return Boolean.TRUE.equals(afterMaintenance);
    }

    public boolean isLastPiece() {
        return Boolean.TRUE.equals(lastPiece);
    }

    /** True when no trigger is set: nothing falls due from the facts. */
    public boolean none() {
        return !isFirstOff() && afterStopMinutes == null && !isAfterMaintenance() && everyParts == null && everyMinutes == null
                && !isLastPiece();
    }

    /** What is wrong with it, or null. */
    public String refusal() {
        if (afterStopMinutes != null && (afterStopMinutes < 1 || afterStopMinutes > MAX_MINUTES)) {
            return "after a stop of: 1 to " + MAX_MINUTES + " minutes";
        }
        if (everyMinutes != null && (everyMinutes < 1 || everyMinutes > MAX_MINUTES)) {
            return "every: 1 to " + MAX_MINUTES + " minutes";
        }
        if (everyParts != null && (everyParts < 1 || everyParts > MAX_PARTS)) {
            return "every: 1 to " + MAX_PARTS + " parts";
        }
        return null;
    }

    /** "first piece after set-up, every 50 parts, last piece". */
    public String describe() {
        List<String> out = new ArrayList<>();
        if (isFirstOff()) {
            out.add("first piece after set-up");
        }
        if (afterStopMinutes != null) {
            out.add("after a stop over " + afterStopMinutes + " min");
        }
        if (isAfterMaintenance()) {
            out.add("after maintenance");
        }
        if (everyParts != null) {
            out.add("every " + everyParts + " parts");
        }
        if (everyMinutes != null) {
            out.add("every " + everyMinutes + " min");
        }
        if (isLastPiece()) {
            out.add("last piece");
        }
        return String.join(", ", out);
    }
}
