package mes.ingest.domain;

import java.util.List;

/**
 * A whole payload (one Pub/Sub message's data or one HTTP body) after decoding: either its
 * message objects, each valid or rejected, or a reason why the payload as a whole is unusable
 * (not JSON, an empty or too long array).
 */
public sealed interface DecodedPayload {

    record Messages(List<Decoded> items) implements DecodedPayload {
        public Messages {
            items = List.copyOf(items);
        }
    }

    record Unusable(String reason) implements DecodedPayload {
    }
}
