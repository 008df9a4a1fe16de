-- A rejected message is kept once per delivery, not once per attempt: Pub/Sub delivers again
-- whatever was not acknowledged (a crash between the commit and the acknowledgement), and the
-- quarantine must not double what the fact tables' deduplication keeps single. "delivery" is the
-- Pub/Sub message id and its publish time ("<id>@<time>", which a redelivery repeats), with
-- "#<index>" for one message of a payload; null where the source has no identity of its own
-- (HTTP posts, the simulator).
ALTER TABLE quarantined_message ADD COLUMN delivery text CHECK (length(delivery) <= 300);
CREATE UNIQUE INDEX quarantined_message_delivery_once ON quarantined_message (source, delivery)
    WHERE delivery IS NOT NULL;
