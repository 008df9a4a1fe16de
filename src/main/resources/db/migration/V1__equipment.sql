-- ISA-95 equipment hierarchy: site > area > line > machine, plus sensor definitions and
-- the site's shift calendar. Ids are the plant's own codes (e.g. CNC-07), as gateways send them.

CREATE TABLE site (
    id          text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$'),
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    time_zone   text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE area (
    id          text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$'),
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    site_id     text NOT NULL REFERENCES site (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX area_site_idx ON area (site_id);

CREATE TABLE line (
    id          text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$'),
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    area_id     text NOT NULL REFERENCES area (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX line_area_idx ON line (area_id);

CREATE TABLE machine (
    id                          text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$'),
    name                        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    line_id                     text NOT NULL REFERENCES line (id),
    kind                        text,
    ideal_cycle_time_seconds    double precision NOT NULL CHECK (ideal_cycle_time_seconds > 0),
    heartbeat_timeout_seconds   integer NOT NULL DEFAULT 60 CHECK (heartbeat_timeout_seconds BETWEEN 1 AND 86400),
    created_at                  timestamptz NOT NULL DEFAULT now(),
    updated_at                  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX machine_line_idx ON machine (line_id);

-- A sensor of a machine. The surrogate id keeps the readings table narrow.
CREATE TABLE machine_sensor (
    id          serial PRIMARY KEY,
    machine_id  text NOT NULL REFERENCES machine (id) ON DELETE CASCADE,
    name        text NOT NULL CHECK (name ~ '^[a-z][a-z0-9_]{0,63}$'),
    unit        text,
    lsl         double precision,
    usl         double precision,
    target      double precision,
    -- false for a sensor first seen in a message but never defined by an administrator
    defined     boolean NOT NULL DEFAULT true,
    UNIQUE (machine_id, name),
    CHECK (lsl IS NULL OR usl IS NULL OR lsl < usl)
);

-- The weekly shift calendar of a site in its time zone: shifts with breaks and dated
-- exceptions. It is written and read as a whole, so it is kept as one validated document.
CREATE TABLE site_calendar (
    site_id     text PRIMARY KEY REFERENCES site (id) ON DELETE CASCADE,
    calendar    jsonb NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    updated_by  text
);
