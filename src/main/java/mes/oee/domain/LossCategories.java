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

    /** OFFLINE time: "no data", its own loss (contracts/oee.md). */
    public static final String NO_DATA = "NO_DATA";
    /** Time under a code the tree does not hold, or under no reason. */
    public static final String UNCLASSIFIED = "UNCLASSIFIED";

    private LossCategories() {
    }

    /** Seconds by category (a {@code LossCategory} name, {@link #NO_DATA} or {@link #UNCLASSIFIED}), largest first. */
    public static Map<String, Double> of(Map<String, Double> lossByReason, ReasonTree tree) {
        return of(lossByReason, tree, Map.of());
    }

    /**
     * The same, with the loss time of minor stops ({@link MinorStops}) taken out of their reasons'
     * categories and shown as MINOR_STOP, as the maintenance figures class them.
     */
    public static Map<String, Double> of(Map<String, Double> lossByReason, ReasonTree tree, Map<String, Double> minorByReason) {
        Map<String, Double> sums = new LinkedHashMap<>();
        lossByReason.forEach((reason, seconds) -> sums.merge(category(reason, tree), seconds, Double::sum));
        minorByReason.forEach((reason, seconds) -> {
            String from = category(reason, tree);
            double moved = Math.min(seconds, sums.getOrDefault(from, 0.0));
            if (moved > 0) {
                sums.merge(from, -moved, Double::sum);
                sums.merge(mes.equipment.domain.LossCategory.MINOR_STOP.name(), moved, Double::sum);
            }
        });
        sums.values().removeIf(v -> v <= 1e-9);
        Map<String, Double> out = new LinkedHashMap<>();
        sums.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static String category(String reason, ReasonTree tree) {
        return "OFFLINE".equals(reason) ? NO_DATA : tree.classifies(reason) ? tree.categoryOf(reason).name() : UNCLASSIFIED;
    }

    /** A category of {@link #of} in plain words, for the pages. */
    public static String label(String category) {
        return switch (category) {
            case NO_DATA -> "No data";
            case UNCLASSIFIED -> "Unclassified";
            default -> mes.equipment.domain.LossCategory.valueOf(category).label();
        };
    }
}
