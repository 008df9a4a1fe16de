-- How each sensor (and, with sensor '', the machine itself) is watched: a document of
-- mes.anomaly.domain.DetectionSettings (or MachineRules); fields left out take their defaults.
CREATE TABLE detection_setting (
    machine_id  text NOT NULL REFERENCES machine (id) ON DELETE CASCADE,
    sensor      text NOT NULL,
    settings    jsonb NOT NULL,
    updated_by  text NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (machine_id, sensor)
);

-- The centre line and sigma of a sensor's individuals chart: estimated from its first values,
-- or recomputed on request from a window of stored readings (computed_by says which).
CREATE TABLE sensor_baseline (
    sensor_id    integer PRIMARY KEY REFERENCES machine_sensor (id) ON DELETE CASCADE,
    centre       double precision NOT NULL,
    sigma        double precision NOT NULL CHECK (sigma > 0),
    samples      integer NOT NULL CHECK (samples >= 2),
    from_ts      timestamptz,
    to_ts        timestamptz,
    computed_by  text NOT NULL,
    computed_at  timestamptz NOT NULL DEFAULT now()
);

-- Alerts are listed per status and machine on the live pages.
CREATE INDEX alert_open_idx ON alert (machine_id, last_seen_at) WHERE status <> 'RESOLVED';
