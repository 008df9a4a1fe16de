package mes.ingest;

import java.util.List;
import mes.ingest.domain.SensorMessage;

/**
 * What runs on a batch's new messages inside the batch's transaction, after their facts are
 * written and before it commits: the anomaly detectors. It works in the caller's transaction (the
 * data source hands it the transaction's connection); a failure rolls the batch back, so the
 * messages are redelivered. The feature that needs it implements it (a CDI bean), so ingest
 * depends on none of them.
 */
public interface FreshMessages {

    /** {@code fresh} are the batch's messages that were not duplicates, in arrival order. */
    void process(List<SensorMessage> fresh);
}
