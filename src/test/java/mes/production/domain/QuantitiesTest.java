package mes.production.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An order's quantities: what can be true of them, and the corrections refused, with the numbers. */
class QuantitiesTest {

    @Test
    void scrapBeyondTheGoodPartsThereAreIsRefusedWithTheNumbers() {
        Quantities q = new Quantities(500, 11, 0, 0, 0); // 11 made, all good
        assertThat(q.refusal(-1500, 1500)).isEqualTo("1500 scrap is more than the 11 good parts there are (11 made, 0 scrap so far)");
        assertThat(q.refusal(-11, 11)).isNull();
        assertThat(q.refusal(-12, 12)).contains("12 scrap is more than the 11 good parts");
    }

    @Test
    void aCorrectionMayAddWhatTheCountersMissedButNoCountGoesBelowZero() {
        Quantities q = new Quantities(500, 11, 2, 0, 0);
        assertThat(q.refusal(5, 0)).isNull();
        assertThat(q.refusal(-12, 0)).isEqualTo("good would be -1: there are 11 good parts (13 made)");
        assertThat(q.refusal(0, -3)).isEqualTo("scrap would be -1: there are 2 scrap parts (13 made)");
        assertThat(q.refusal(0, -2)).isNull();
    }

    @Test
    void storedQuantitiesThatCannotBeTrueAreNamedNotHiddenByTheDisplaysFloor() {
        Quantities q = new Quantities(500, 11, 0, -1503, 1503);
        assertThat(q.good()).isZero(); // the display's floor
        assertThat(q.implausibility()).isEqualTo("the corrections take 1503 good parts away from 11 counted: -1492 good");
        assertThat(new Quantities(500, 11, 0, -11, 11).implausibility()).isNull();
        assertThat(new Quantities(500, 0, 3, 0, -4).implausibility()).contains("-1 scrap");
    }
}
