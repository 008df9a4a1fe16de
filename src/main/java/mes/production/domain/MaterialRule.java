package mes.production.domain;

import java.util.List;

/**
 * What a lot may consume (IATF 16949 8.5.2): a part with a bill of material consumes only the
 * materials it lists, in the unit it lists them; a quantity consumed is in the consumed lot's unit
 * and never more than is left of it. A part without a bill of material consumes what it is given
 * (the pages say so).
 */
public final class MaterialRule {

    /** The units a lot and a bill of material are counted in, pieces first (as forms offer them); V13 checks the same. */
    public static final List<String> UNITS = List.of("pcs", "kg", "g", "t", "m", "l");

    /** A line of a part's bill of material: a material, its unit, how much one part needs (if known). */
    public record Line(String material, String unit, Double perPart) {
    }

    private MaterialRule() {
    }

    /**
     * Why the part may not consume this lot, or null.
     *
     * @param bom the part's bill of material (empty: none kept)
     * @param material the consumed lot's material
     * @param lotUnit the consumed lot's unit
     * @param quantity the quantity consumed, or null (not counted)
     * @param left what is left of the lot, or null (its quantity is not known)
     */
    public static String refusal(String partId, List<Line> bom, String material, String lotUnit, Integer quantity, Long left) {
        if (!bom.isEmpty()) {
            Line line = bom.stream().filter(l -> l.material().equals(material)).findFirst().orElse(null);
            if (line == null) {
                return material + " is not in the bill of material of " + partId + " (it lists "
                        + String.join(", ", bom.stream().map(Line::material).toList()) + ")";
            }
            if (!line.unit().equals(lotUnit)) {
                return "the bill of material of " + partId + " counts " + material + " in " + line.unit() + ", the lot is in " + lotUnit;
            }
        }
        if (quantity != null && left != null && quantity > left) {
            return quantity + " " + lotUnit + " is more than the " + left + " " + lotUnit + " left of the lot";
        }
        return null;
    }
}
