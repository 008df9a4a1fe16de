-- Facts from the machines, as sent (contracts/sensor-message.md). Figures such as OEE are
-- derived from these by queries; nothing here is a running total.

-- A state message: the state holds from ts until the machine's next state event.
-- (machine_id, ts) identifies a message, so a redelivered one conflicts and changes nothing.
CREATE TABLE machine_state_event (
    machine_id   text NOT NULL REFERENCES machine (id),
    ts           timestamptz NOT NULL,
    state        text NOT NULL CHECK (state IN ('RUNNING', 'IDLE', 'SETUP', 'DOWN', 'PLANNED_STOP')),
    reason       text CHECK (length(reason) <= 64),
    work_order   text CHECK (length(work_order) <= 64),
    seq          bigint,
    received_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (machine_id, ts)
);

-- Cumulative PLC counters; increments are derived in ts order (a decrease is a reset).
CREATE TABLE counter_sample (
    machine_id   text NOT NULL REFERENCES machine (id),
    ts           timestamptz NOT NULL,
    good         bigint CHECK (good >= 0),
    scrap        bigint CHECK (scrap >= 0),
    work_order   text CHECK (length(work_order) <= 64),
    received_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (machine_id, ts),
    CHECK (good IS NOT NULL OR scrap IS NOT NULL)
);

-- Every message taken, by its identity (machine_id, ts). A message whose key is already here is
-- a duplicate (redelivery, gateway retry) and has no effect. This one narrow unique index is the
-- whole deduplication: the high-volume readings table needs none, so it takes COPY at full speed.
CREATE TABLE ingested_message (
    machine_id   text NOT NULL,
    ts           timestamptz NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (machine_id, ts)
) PARTITION BY RANGE (ts);

-- Sensor readings: the high-volume table, partitioned by day so that retention drops whole
-- partitions after archiving them. No foreign key and no unique index (both would cost every
-- row); sensor_id always comes from machine_sensor through the ingest service, and uniqueness
-- is guaranteed by ingested_message.
CREATE TABLE sensor_reading (
    sensor_id  integer NOT NULL,
    ts         timestamptz NOT NULL,
    value      double precision NOT NULL
) PARTITION BY RANGE (ts);
CREATE INDEX sensor_reading_sensor_ts_idx ON sensor_reading (sensor_id, ts);

-- Readings above a machine's rate budget, downsampled to one row per sensor and second
-- (min, max, sum, count) instead of being dropped.
CREATE TABLE sensor_reading_downsampled (
    sensor_id  integer NOT NULL,
    second     timestamptz NOT NULL,
    min_value  double precision NOT NULL,
    max_value  double precision NOT NULL,
    sum_value  double precision NOT NULL,
    count      integer NOT NULL CHECK (count > 0),
    PRIMARY KEY (sensor_id, second)
) PARTITION BY RANGE (second);

-- Creates the day's partition of one of the daily-partitioned tables if it is missing; safe to
-- call from several application instances at once (serialised by an advisory lock).
CREATE FUNCTION ensure_daily_partition(parent text, day date) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    part text := parent || '_' || to_char(day, 'YYYYMMDD');
BEGIN
    IF parent NOT IN ('sensor_reading', 'sensor_reading_downsampled', 'ingested_message') THEN
        RAISE EXCEPTION '% is not a daily-partitioned table', parent;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('daily_partition'));
    IF to_regclass(part) IS NULL THEN
        EXECUTE format(
            'CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
            part, parent, (day::timestamp AT TIME ZONE 'UTC'), ((day + 1)::timestamp AT TIME ZONE 'UTC'));
    END IF;
    RETURN part;
END;
$$;

-- Archival of raw readings: one row per (table, day) partition, so that a crashed run resumes
-- where it stopped and a partition is dropped only after its export is confirmed.
CREATE TABLE archive_export (
    table_name   text NOT NULL,
    day          date NOT NULL,
    state        text NOT NULL CHECK (state IN ('EXPORTED', 'DROPPED')),
    object_name  text NOT NULL,
    row_count    bigint NOT NULL,
    sha256       text NOT NULL,
    exported_at  timestamptz NOT NULL DEFAULT now(),
    dropped_at   timestamptz,
    PRIMARY KEY (table_name, day)
);

-- The current state of each machine, kept up to date by ingestion for the live pages.
-- It is a cache of the newest state event and message; figures never read it.
CREATE TABLE machine_status (
    machine_id      text PRIMARY KEY REFERENCES machine (id) ON DELETE CASCADE,
    -- null until the machine has reported a state
    state           text CHECK (state IN ('RUNNING', 'IDLE', 'SETUP', 'DOWN', 'PLANNED_STOP')),
    reason          text,
    state_since     timestamptz,
    state_ts        timestamptz,
    last_message_ts timestamptz NOT NULL,
    work_order      text
);

-- Every rejected message, with its raw bytes and the precise reason (never a silent drop).
CREATE TABLE quarantined_message (
    id            bigserial PRIMARY KEY,
    received_at   timestamptz NOT NULL DEFAULT now(),
    source        text NOT NULL CHECK (source IN ('PUBSUB', 'PUSH', 'HTTP', 'SIMULATOR')),
    machine_id    text,
    reason        text NOT NULL,
    raw           bytea NOT NULL,
    redriven_at   timestamptz
);
CREATE INDEX quarantined_message_received_idx ON quarantined_message (received_at);
CREATE INDEX quarantined_message_open_idx ON quarantined_message (machine_id) WHERE redriven_at IS NULL;
