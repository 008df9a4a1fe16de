package mes.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReadingBudgetTest {

    private final Instant t0 = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void aBurstIsTakenThenTheRateRefillsIt() {
        ReadingBudget budget = new ReadingBudget(10, 20);
        assertThat(budget.tryTake(8, t0)).isTrue();
        assertThat(budget.tryTake(8, t0)).isTrue();
        assertThat(budget.tryTake(8, t0)).as("4 tokens left").isFalse();
        assertThat(budget.tryTake(4, t0)).isTrue();
        assertThat(budget.tryTake(1, t0)).isFalse();
        assertThat(budget.tryTake(8, t0.plusMillis(700))).as("7 refilled").isFalse();
        assertThat(budget.tryTake(8, t0.plusMillis(800))).as("8 refilled").isTrue();
    }

    @Test
    void theBucketNeverHoldsMoreThanTheBurst() {
        ReadingBudget budget = new ReadingBudget(10, 20);
        assertThat(budget.tryTake(1, t0)).isTrue();
        assertThat(budget.tryTake(20, t0.plusSeconds(3600))).isTrue();
        assertThat(budget.tryTake(1, t0.plusSeconds(3600))).isFalse();
    }

    @Test
    void aClockGoingBackwardsRefillsNothing() {
        ReadingBudget budget = new ReadingBudget(10, 10);
        assertThat(budget.tryTake(10, t0)).isTrue();
        assertThat(budget.tryTake(1, t0.minusSeconds(5))).isFalse();
        assertThat(budget.tryTake(1, t0.plusMillis(100))).isTrue();
    }

    @Test
    void aBudgetNeedsAPositiveRateAndBurst() {
        assertThatThrownBy(() -> new ReadingBudget(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReadingBudget(10, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
