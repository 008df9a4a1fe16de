package mes.quality.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import mes.kernel.Refusal;
import org.junit.jupiter.api.Test;

/** An inspection's verdict: from the limits when measured, as given when pass / fail, never against the values. */
class VerdictTest {

    private static final Spec BORE = new Spec(41.98, 42.02);

    @Test
    void aMeasuredCharacteristicPassesOnlyWhenEveryValueIsWithinItsLimits() {
        assertThat(Verdict.of("BORE-42", BORE, 3, List.of(42.0, 41.98, 42.02), null)).isEqualTo("PASS");
        assertThat(Verdict.of("BORE-42", BORE, 3, List.of(42.0, 42.03, 42.01), "")).isEqualTo("FAIL");
        assertThat(Verdict.of("FLAT", new Spec(null, 0.05), 1, List.of(0.0), "PASS")).isEqualTo("PASS");
        assertThat(Verdict.of("FLAT", new Spec(null, 0.05), 1, List.of(0.051), null)).isEqualTo("FAIL");
    }

    @Test
    void theVerdictOfValuesCannotBeGivenAgainstThem() {
        assertThatThrownBy(() -> Verdict.of("BORE-42", BORE, 1, List.of(42.03), "PASS"))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.INVALID))
                .hasMessageContaining("the values give FAIL, not PASS");
    }

    @Test
    void aSampleHasItsSizeAndOnlyNumbers() {
        assertThatThrownBy(() -> Verdict.of("BORE-42", BORE, 3, List.of(42.0), null)).hasMessageContaining("samples of 3: 1 value was given");
        assertThatThrownBy(() -> Verdict.of("BORE-42", BORE, 2, Arrays.asList(42.0, null), null)).hasMessageContaining("value 2 is not a number");
        assertThatThrownBy(() -> Verdict.of("BORE-42", BORE, 1, List.of(Double.NaN), null)).hasMessageContaining("value 1 is not a number");
        // an empty sample never passes
        assertThat(Verdict.of("BORE-42", BORE, 0, List.of(), null)).isEqualTo("FAIL");
    }

    @Test
    void aPassFailCharacteristicTakesTheResultGivenAndNoValues() {
        assertThat(Verdict.of("BURR", null, 1, List.of(), " FAIL ")).isEqualTo("FAIL");
        assertThatThrownBy(() -> Verdict.of("BURR", null, 1, List.of(1.0), "PASS")).hasMessageContaining("give result, not values");
        assertThatThrownBy(() -> Verdict.of("BURR", null, 1, List.of(), "OK")).hasMessageContaining("must be PASS or FAIL");
        assertThatThrownBy(() -> Verdict.of("BURR", null, 1, List.of(), null)).hasMessageContaining("must be PASS or FAIL");
    }
}
