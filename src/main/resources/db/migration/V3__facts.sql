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

-- Sensor readings: the high-volume table, partitioned by day so that retention drops whole
-- partitions after archiving them. No foreign key (it would cost every insert a lookup);
-- sensor_id always comes from machine_sensor through the ingest service.
CREATE TABLE sensor_reading (
    sensor_id  integer NOT NULL,
    ts         timestamptz NOT NULL,
    value      double precision NOT NULL,
    PRIMARY KEY (sensor_id, ts)
) PARTITION BY RANGE (ts);

-- Creates the day's partition of sensor_reading if it is missing; safe to call from several
-- application instances at once (serialised by an advisory lock).
CREATE FUNCTION ensure_sensor_reading_partition(day date) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    part text := 'sensor_reading_' || to_char(day, 'YYYYMMDD');
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('sensor_reading_partition'));
    IF to_regclass(part) IS NULL THEN
        EXECUTE format(
            'CREATE TABLE %I PARTITION OF sensor_reading FOR VALUES FROM (%L) TO (%L)',
            part, (day::timestamp AT TIME ZONE 'UTC'), ((day + 1)::timestamp AT TIME ZONE 'UTC'));
    END IF;
    RETURN part;
END;
$$;

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
