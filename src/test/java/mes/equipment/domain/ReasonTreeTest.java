package mes.equipment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReasonTreeTest {

    static ReasonTree.Reason r(String code, LossCategory category, String parent) {
        return new ReasonTree.Reason(code, code.toLowerCase(), category, parent);
    }

    @Test
    void aChildTakesItsParentsCategoryUnlessItHasItsOwn() {
        ReasonTree tree = new ReasonTree(List.of(r("MECH", LossCategory.BREAKDOWN, null), r("TOOL", null, "MECH"),
                r("TOOL_BREAK", null, "TOOL"), r("TOOL_CHANGE", LossCategory.SETUP, "TOOL")));
        assertThat(tree.categoryOf("TOOL_BREAK")).isEqualTo(LossCategory.BREAKDOWN);
        assertThat(tree.categoryOf("TOOL_CHANGE")).isEqualTo(LossCategory.SETUP);
        assertThat(tree.node("TOOL_BREAK").orElseThrow().depth()).isEqualTo(2);
        assertThat(tree.roots()).extracting(ReasonTree.Node::code).containsExactly("MECH");
        assertThat(tree.children("TOOL")).extracting(ReasonTree.Node::code).containsExactly("TOOL_BREAK", "TOOL_CHANGE");
    }

    @Test
    void aCodeTheTreeDoesNotHoldIsUnclassifiedAndCountsAsABreakdown() {
        ReasonTree tree = new ReasonTree(List.of(r("NO_MATERIAL", LossCategory.MATERIAL, null)));
        assertThat(tree.classifies("SPINDLE_X")).isFalse();
        assertThat(tree.categoryOf("SPINDLE_X")).isEqualTo(LossCategory.BREAKDOWN);
        assertThat(tree.categoryOf(null)).isEqualTo(LossCategory.BREAKDOWN);
        assertThat(tree.nameOf("SPINDLE_X")).isEqualTo("SPINDLE_X");
    }

    @Test
    void aTreeThatIsNotATreeIsRefusedNamingWhy() {
        assertThatThrownBy(() -> new ReasonTree(List.of(r("A", LossCategory.OTHER, null), r("A", LossCategory.OTHER, null))))
                .hasMessageContaining("A is in the tree twice");
        assertThatThrownBy(() -> new ReasonTree(List.of(r("A", null, "B"))))
                .hasMessageContaining("reason A: its parent B is not in the tree");
        assertThatThrownBy(() -> new ReasonTree(List.of(r("A", LossCategory.OTHER, "B"), r("B", null, "A"))))
                .hasMessageContaining("cycle");
        assertThatThrownBy(() -> new ReasonTree(List.of(r("A", LossCategory.OTHER, "A"))))
                .hasMessageContaining("cycle");
        assertThatThrownBy(() -> new ReasonTree(List.of(r("A", null, null))))
                .hasMessageContaining("reason A has no category");
        assertThatThrownBy(() -> new ReasonTree(List.of(new ReasonTree.Reason(" A", "a", LossCategory.OTHER, null))))
                .hasMessageContaining("without leading or trailing blanks");
    }
}
