package mes.anomaly.domain;

import java.time.Instant;

/**
 * What a detector found at one sample: the rule (LIMIT, NELSON_2, WE_1, EWMA, CUSUM, FLATLINE,
 * RATE_OF_CHANGE, OFFLINE, DOWN_TOO_LONG, ALERT_STORM), how severe, the value that triggered it
 * and a sentence for people.
 */
public record Finding(Instant ts, String rule, Severity severity, double value, String message) {
}
