package mes.anomaly.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A machine opens at most cap new alerts in any minute of message time; the rest are held back. */
class StormGuardTest {

    private static final Instant T = Instant.parse("2026-12-04T06:00:00Z");

    @Test
    void theCapOfAMinuteIsAdmittedAndTheNextHeldBackUntilTheMinuteHasPassed() {
        StormGuard guard = new StormGuard(3, Map.of());
        assertThat(guard.admit("M1", T)).isTrue();
        assertThat(guard.admit("M1", T.plusSeconds(10))).isTrue();
        assertThat(guard.admit("M1", T.plusSeconds(20))).isTrue();
        assertThat(guard.admit("M1", T.plusSeconds(30))).isFalse();
        // another machine has its own minute
        assertThat(guard.admit("M2", T.plusSeconds(30))).isTrue();
        // a held-back alert did not count: 61 s after the first, two remain in the minute
        assertThat(guard.admit("M1", T.plusSeconds(61))).isTrue();
        assertThat(guard.admit("M1", T.plusSeconds(62))).isFalse();
    }

    @Test
    void alertsOpenedEarlierCountAndThoseOpenedAfterTheFindingDoNot() {
        StormGuard guard = new StormGuard(2, Map.of("M1", List.of(T.minusSeconds(50), T.minusSeconds(5), T.plusSeconds(30))));
        assertThat(guard.admit("M1", T)).isFalse();
        StormGuard later = new StormGuard(2, Map.of("M1", List.of(T.minusSeconds(61), T.plusSeconds(30))));
        assertThat(later.admit("M1", T)).isTrue();
    }

    @Test
    void aCapBelowOneIsRefused() {
        assertThatThrownBy(() -> new StormGuard(0, Map.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
