package mes.oee.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The ISO 22400-2 time elements (seconds) and quantities of contracts/oee.md for one machine, or
 * summed over several machines or periods, and the KPIs derived from them without any rounding.
 *
 * @param priPq ideal time of the produced quantity, sum of PRI x PQ (seconds)
 * @param priGq ideal time of the good quantity, sum of PRI x GQ (seconds)
 * @param priSq ideal time of the scrap, sum of PRI x SQ (seconds)
 */
public record OeeElements(double pot, double pdot, double pbt, double apt, double aust, double adet, double adot,
        long pq, long gq, long sq, double priPq, double priGq, double priSq) {

    public static final OeeElements ZERO = new OeeElements(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Flag: PBT is 0, nothing was scheduled. */
    public static final String NOT_SCHEDULED = "NOT_SCHEDULED";
    /** Flag: effectiveness above 1, the ideal cycle time is set wrong. */
    public static final String EFFECTIVENESS_ABOVE_ONE = "EFFECTIVENESS_ABOVE_ONE";

    /** Sums of the elements: the aggregate of contracts/oee.md (quality weighted by ideal time). */
    public OeeElements plus(OeeElements o) {
        return new OeeElements(pot + o.pot, pdot + o.pdot, pbt + o.pbt, apt + o.apt, aust + o.aust, adet + o.adet,
                adot + o.adot, pq + o.pq, gq + o.gq, sq + o.sq, priPq + o.priPq, priGq + o.priGq, priSq + o.priSq);
    }

    /** A = APT / PBT; null when PBT is 0. */
    public Double availability() {
        return pbt > 0 ? apt / pbt : null;
    }

    /** E = sum(PRI x PQ) / APT; null when APT is 0 or nothing was scheduled. */
    public Double effectiveness() {
        return pbt > 0 && apt > 0 ? priPq / apt : null;
    }

    /** Q = sum(PRI x GQ) / sum(PRI x PQ) (for one machine GQ / PQ); null when nothing was produced. */
    public Double quality() {
        return pbt > 0 && priPq > 0 ? priGq / priPq : null;
    }

    /** OEE = sum(PRI x GQ) / PBT = A x E x Q; defined whenever PBT > 0. */
    public Double oee() {
        return pbt > 0 ? priGq / pbt : null;
    }

    public List<String> flags() {
        List<String> flags = new ArrayList<>();
        if (pbt <= 0) {
            flags.add(NOT_SCHEDULED);
        }
        Double e = effectiveness();
        if (e != null && e > 1) {
            flags.add(EFFECTIVENESS_ABOVE_ONE);
        }
        return flags;
    }

    /** The six big losses as time (seconds). */
    public Losses losses() {
        return new Losses(adot, aust, adet, apt - priPq, priSq);
    }

    /**
     * @param breakdowns ADOT (DOWN and OFFLINE)
     * @param setup AUST
     * @param idling ADET (idling and minor stops)
     * @param reducedSpeed APT - PRI x PQ
     * @param scrap PRI x SQ
     */
    public record Losses(double breakdowns, double setup, double idling, double reducedSpeed, double scrap) {
    }
}
