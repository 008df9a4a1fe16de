package mes.oee.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import mes.equipment.domain.ReasonTree;

/**
 * Loss time by the site's loss categories (contracts/maintenance.md), from the loss time by reason
 * the OEE figures keep: a code of the tree goes to its category, OFFLINE to "no data" (never a
 * breakdown, contracts/oee.md), and anything else, a code the tree does not hold or a stop nobody
 * gave a reason, to "unclassified", shown on its own so that it gets a code.
 */
public final class LossCategories {

    public static final String NO_DATA = "No data";
    public static final String UNCLASSIFIED = "Unclassified";

    private LossCategories() {
    }

    /** Seconds by category label, largest first. */
    public static Map<String, Double> of(Map<String, Double> lossByReason, ReasonTree tree) {
        Map<String, Double> sums = new LinkedHashMap<>();
        lossByReason.forEach((reason, seconds) -> {
            String category = "OFFLINE".equals(reason) ? NO_DATA
                    : tree.classifies(reason) ? tree.categoryOf(reason).label() : UNCLASSIFIED;
            sums.merge(category, seconds, Double::sum);
        });
        Map<String, Double> out = new LinkedHashMap<>();
        sums.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
