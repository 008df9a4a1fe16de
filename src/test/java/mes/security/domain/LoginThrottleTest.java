package mes.security.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static final Instant T = Instant.parse("2026-11-25T10:00:00Z");
    private final LoginThrottle throttle = new LoginThrottle(
            new LoginThrottle.Policy(3, Duration.ofMinutes(15), Duration.ofSeconds(30), Duration.ofMinutes(5)));

    @Test
    void theAllowanceIsNotLockedThenEachFurtherFailureDoublesTheLockUpToTheMaximum() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.failed("u", T.plusSeconds(i))).isNull();
            assertThat(throttle.lockedUntil("u", T.plusSeconds(i))).isNull();
        }
        assertThat(throttle.failed("u", T.plusSeconds(3))).isEqualTo(T.plusSeconds(3 + 30));
        assertThat(throttle.lockedUntil("u", T.plusSeconds(10))).isEqualTo(T.plusSeconds(33));
        assertThat(throttle.lockedUntil("u", T.plusSeconds(33))).isNull();
        assertThat(throttle.failed("u", T.plusSeconds(40))).isEqualTo(T.plusSeconds(40 + 60));
        assertThat(throttle.failed("u", T.plusSeconds(200))).isEqualTo(T.plusSeconds(200 + 120));
        assertThat(throttle.failed("u", T.plusSeconds(400))).isEqualTo(T.plusSeconds(400 + 240));
        assertThat(throttle.failed("u", T.plusSeconds(700))).isEqualTo(T.plusSeconds(700 + 300)); // capped at 5 min
        assertThat(throttle.lockedUntil("other", T.plusSeconds(700))).isNull();
    }

    @Test
    void aSuccessClearsTheCount() {
        throttle.failed("u", T);
        throttle.failed("u", T);
        throttle.succeeded("u");
        throttle.failed("u", T);
        throttle.failed("u", T);
        assertThat(throttle.failed("u", T)).isNull();
    }

    @Test
    void failuresOutsideTheWindowStartANewCountAndArePruned() {
        throttle.failed("u", T);
        throttle.failed("u", T);
        throttle.failed("u", T);
        assertThat(throttle.failed("u", T.plus(Duration.ofMinutes(16)))).isNull();
        throttle.failed("v", T);
        throttle.prune(T.plus(Duration.ofMinutes(40)));
        assertThat(throttle.size()).isZero();
    }
}
