package mes.production.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a lot may consume: its part's bill of material, in its unit, no more than is left. */
class MaterialRuleTest {

    private static final List<MaterialRule.Line> CALIPER = List.of(new MaterialRule.Line("EN-GJS-400", "kg", 2.4),
            new MaterialRule.Line("PISTON-54", "pcs", 2.0));

    @Test
    void aPartWithABillOfMaterialConsumesOnlyWhatItListsInItsUnit() {
        assertThat(MaterialRule.refusal("CALIPER", CALIPER, "PP-GRANULATE", "kg", 10, 500L))
                .isEqualTo("PP-GRANULATE is not in the bill of material of CALIPER (it lists EN-GJS-400, PISTON-54)");
        assertThat(MaterialRule.refusal("CALIPER", CALIPER, "EN-GJS-400", "pcs", null, null))
                .isEqualTo("the bill of material of CALIPER counts EN-GJS-400 in kg, the lot is in pcs");
        assertThat(MaterialRule.refusal("CALIPER", CALIPER, "EN-GJS-400", "kg", 10, 500L)).isNull();
        assertThat(MaterialRule.refusal("CALIPER", CALIPER, "PISTON-54", "pcs", null, null)).isNull();
    }

    @Test
    void neverMoreThanIsLeftOfTheLot() {
        assertThat(MaterialRule.refusal("CALIPER", CALIPER, "EN-GJS-400", "kg", 41, 40L))
                .isEqualTo("41 kg is more than the 40 kg left of the lot");
        assertThat(MaterialRule.refusal("CALIPER", CALIPER, "EN-GJS-400", "kg", 40, 40L)).isNull();
        // a lot of unknown quantity, or a consumption not counted, is not counted against
        assertThat(MaterialRule.refusal("CALIPER", CALIPER, "EN-GJS-400", "kg", 41, null)).isNull();
        assertThat(MaterialRule.refusal("CALIPER", CALIPER, "EN-GJS-400", "kg", null, 0L)).isNull();
    }

    @Test
    void aPartWithoutABillOfMaterialConsumesWhatItIsGivenButNotMoreThanIsLeft() {
        assertThat(MaterialRule.refusal("P", List.of(), "ANYTHING", "kg", null, null)).isNull();
        assertThat(MaterialRule.refusal("P", List.of(), "ANYTHING", "pcs", 5, 4L)).contains("5 pcs is more than the 4 pcs left");
    }
}
