package mes.oee.domain;

import java.time.Instant;

/**
 * An operator's reason for a stop, entered on the page or through the API. Where entries overlap,
 * the later entry wins for the overlap.
 */
public record ManualReason(Interval period, String reason, Instant enteredAt) {
}
