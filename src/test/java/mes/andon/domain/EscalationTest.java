package mes.andon.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** An unanswered call goes to the supervisor after the first limit, an unresolved one to the management after the second. */
class EscalationTest {

    static final Instant T0 = Instant.parse("2026-12-04T08:00:00Z");
    static final Escalation E = new Escalation(Duration.ofMinutes(5), Duration.ofMinutes(60));

    static AndonCall call(AndonCall.Status status, Instant ack, Instant resolved) {
        return new AndonCall(1, "M", AndonCall.Target.MAINTENANCE, status, null, "operator", T0, ack == null ? null : "maintenance", ack,
                resolved == null ? null : "maintenance", resolved, resolved == null ? null : "fixed", null, null);
    }

    @Test
    void levelsFollowTheStoredTimesAndTheMomentAsked() {
        AndonCall open = call(AndonCall.Status.OPEN, null, null);
        assertThat(E.level(open, T0.plus(Duration.ofMinutes(5)))).isEqualTo(Escalation.Level.NONE); // 5 min is not beyond 5 min
        assertThat(E.level(open, T0.plus(Duration.ofMinutes(5)).plusNanos(1))).isEqualTo(Escalation.Level.SUPERVISOR);
        assertThat(E.level(open, T0.plus(Duration.ofMinutes(61)))).isEqualTo(Escalation.Level.MANAGEMENT);
        // answered within the limit: no escalation until it has been unresolved too long
        AndonCall answered = call(AndonCall.Status.ACKNOWLEDGED, T0.plus(Duration.ofMinutes(2)), null);
        assertThat(E.level(answered, T0.plus(Duration.ofMinutes(30)))).isEqualTo(Escalation.Level.NONE);
        assertThat(E.level(answered, T0.plus(Duration.ofMinutes(61)))).isEqualTo(Escalation.Level.MANAGEMENT);
        AndonCall resolved = call(AndonCall.Status.RESOLVED, T0.plus(Duration.ofMinutes(2)), T0.plus(Duration.ofMinutes(70)));
        assertThat(E.level(resolved, T0.plus(Duration.ofMinutes(90)))).isEqualTo(Escalation.Level.NONE);
        // waiting and working time
        assertThat(answered.waiting(T0.plus(Duration.ofHours(1)))).isEqualTo(Duration.ofMinutes(2));
        assertThat(answered.working(T0.plus(Duration.ofMinutes(12)))).isEqualTo(Duration.ofMinutes(10));
        assertThat(open.working(T0.plus(Duration.ofMinutes(12)))).isZero();
        assertThat(resolved.working(T0.plus(Duration.ofHours(5)))).isEqualTo(Duration.ofMinutes(68));
    }

    @Test
    void limitsMustBeInOrder() {
        assertThatThrownBy(() -> new Escalation(Duration.ofMinutes(10), Duration.ofMinutes(5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Escalation(Duration.ZERO, Duration.ofMinutes(5))).isInstanceOf(IllegalArgumentException.class);
    }
}
