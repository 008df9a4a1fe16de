package mes.production.domain;

/**
 * An order's quantities: what the machine counters said while it ran, plus the operators'
 * corrections (scrap found later, miscounts), which are kept as separate records.
 */
public record Quantities(long planned, long countedGood, long countedScrap, long correctedGood, long correctedScrap) {

    public long good() {
        return Math.max(0, countedGood + correctedGood);
    }

    public long scrap() {
        return Math.max(0, countedScrap + correctedScrap);
    }

    public long remaining() {
        return Math.max(0, planned - good());
    }

    /** Good parts as a share of the plan, 0..100 (capped for the progress bar). */
    public int percentDone() {
        return planned <= 0 ? 0 : (int) Math.min(100, good() * 100 / planned);
    }

    /** What the counters saw made: good and scrap together. */
    public long produced() {
        return countedGood + countedScrap;
    }

    /** Good parts before the display's floor at zero: negative when corrections took away more than was made. */
    public long rawGood() {
        return countedGood + correctedGood;
    }

    public long rawScrap() {
        return countedScrap + correctedScrap;
    }

    /** Null when the quantities can be true, else why not, with the numbers: no count below zero. */
    public String implausibility() {
        if (rawGood() < 0) {
            return "the corrections take " + -correctedGood + " good parts away from " + countedGood + " counted: " + rawGood() + " good";
        }
        if (rawScrap() < 0) {
            return "the corrections take " + -correctedScrap + " scrap parts away from " + countedScrap + " counted: " + rawScrap() + " scrap";
        }
        return null;
    }

    /**
     * Why a correction (good and scrap changed by the deltas) cannot be true, with the numbers, or
     * null: scrap moved from good parts beyond the good parts there are, or any count below zero.
     */
    public String refusal(long goodDelta, long scrapDelta) {
        long good = rawGood() + goodDelta;
        long scrap = rawScrap() + scrapDelta;
        if (good < 0 && scrapDelta > 0 && goodDelta == -scrapDelta) {
            return scrapDelta + " scrap is more than the " + Math.max(0, rawGood()) + " good parts there are (" + produced()
                    + " made, " + Math.max(0, rawScrap()) + " scrap so far)";
        }
        if (good < 0) {
            return "good would be " + good + ": there are " + Math.max(0, rawGood()) + " good parts (" + produced() + " made)";
        }
        if (scrap < 0) {
            return "scrap would be " + scrap + ": there are " + Math.max(0, rawScrap()) + " scrap parts (" + produced() + " made)";
        }
        return null;
    }
}
