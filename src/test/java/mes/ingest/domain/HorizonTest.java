package mes.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HorizonTest {

    private final Horizon horizon = new Horizon(Duration.ofDays(7), Duration.ofMinutes(5));
    private final Instant now = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void aMessageWithinTheWindowIsAccepted() {
        assertThat(horizon.check(now.minus(Duration.ofDays(7)), now)).isEmpty();
        assertThat(horizon.check(now.plus(Duration.ofMinutes(5)), now)).isEmpty();
    }

    @Test
    void aMessageOlderThanTheRetentionIsRejected() {
        assertThat(horizon.check(now.minus(Duration.ofDays(7)).minusMillis(1), now))
                .hasValueSatisfying(r -> assertThat(r).contains("older than the retention horizon of 7 days"));
    }

    @Test
    void aMessageTooFarInTheFutureIsRejected() {
        assertThat(horizon.check(now.plus(Duration.ofMinutes(5)).plusMillis(1), now))
                .hasValueSatisfying(r -> assertThat(r).contains("more than 5 minutes in the future"));
    }
}
