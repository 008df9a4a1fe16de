package mes.training.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import mes.training.domain.Qualifications.Grant;
import mes.training.domain.Qualifications.Requirement;
import mes.training.domain.Qualifications.Standing;
import org.junit.jupiter.api.Test;

class QualificationsRuleTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final Requirement PART = new Requirement("PART", "BC-4711", 3, null);
    private static final Duration WARN = Duration.ofDays(30);

    private static Grant grant(int level, Instant until, boolean override) {
        return new Grant(1, "weber", "PART", "BC-4711", level, until, override, override ? "ill" : null, "meier", NOW.minusSeconds(60));
    }

    @Test
    void theNewestGrantCountsByLevelAndExpiry() {
        assertThat(Qualifications.standing(PART, null, NOW, WARN)).isEqualTo(Standing.MISSING);
        assertThat(Qualifications.standing(PART, grant(0, NOW.plusSeconds(3600), false), NOW, WARN)).isEqualTo(Standing.MISSING);
        assertThat(Qualifications.standing(PART, grant(2, NOW.plus(Duration.ofDays(90)), false), NOW, WARN)).isEqualTo(Standing.TOO_LOW);
        assertThat(Qualifications.standing(PART, grant(3, NOW.plus(Duration.ofDays(90)), false), NOW, WARN)).isEqualTo(Standing.QUALIFIED);
        assertThat(Qualifications.standing(PART, grant(4, NOW.plus(Duration.ofDays(10)), false), NOW, WARN)).isEqualTo(Standing.EXPIRING);
        assertThat(Qualifications.standing(PART, grant(3, NOW, false), NOW, WARN)).isEqualTo(Standing.EXPIRED); // valid until, not through
        assertThat(Qualifications.standing(PART, grant(3, NOW.plusSeconds(3600), true), NOW, WARN)).isEqualTo(Standing.OVERRIDE);
        assertThat(Standing.EXPIRING.meets()).isTrue();
        assertThat(Standing.TOO_LOW.meets()).isFalse();
    }

    @Test
    void aRefusalNamesWhatIsMissing() {
        assertThat(Qualifications.refusal("weber", PART, null, NOW)).isEqualTo("weber has no qualification for PART BC-4711 (level 3 needed)");
        assertThat(Qualifications.refusal("weber", PART, grant(1, NOW.plusSeconds(60), false), NOW)).contains("level 1", "level 3 is needed");
        assertThat(Qualifications.refusal("weber", PART, grant(3, NOW.minusSeconds(1), false), NOW)).contains("expired on 2026-12-03T11:59:59Z");
        assertThat(Qualifications.refusal("weber", PART, grant(3, NOW.plusSeconds(1), false), NOW)).isNull();
    }
}
