-- When each machine was heard from: the union of [message ts, ts + heartbeat timeout) over all
-- its messages, kept by ingestion. Union is commutative, so arrival order and redelivery do not
-- matter; its complement is OFFLINE (contracts/oee.md). One row per machine; the multirange
-- grows by one range per silence.
CREATE TABLE machine_coverage (
    machine_id  text PRIMARY KEY REFERENCES machine (id) ON DELETE CASCADE,
    online      tstzmultirange NOT NULL
);

-- Operators' reasons for a stop, entered on the page or through the API. Entries are records:
-- a correction is a later entry, and where entries overlap the later one wins for the overlap.
CREATE TABLE downtime_reason (
    id          bigserial PRIMARY KEY,
    machine_id  text NOT NULL REFERENCES machine (id),
    from_ts     timestamptz NOT NULL,
    to_ts       timestamptz NOT NULL,
    reason      text NOT NULL CHECK (length(reason) BETWEEN 1 AND 64),
    comment     text CHECK (length(comment) <= 500),
    entered_by  text NOT NULL,
    entered_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    CHECK (from_ts < to_ts)
);
CREATE INDEX downtime_reason_machine_idx ON downtime_reason (machine_id, from_ts, to_ts);
