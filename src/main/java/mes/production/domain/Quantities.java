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
}
