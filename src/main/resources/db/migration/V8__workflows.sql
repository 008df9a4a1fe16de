-- Shop-floor workflows: users that can be deactivated, who planned an order, the periods an
-- order ran on its line, lots and their genealogy, serials, holds; and the audit chain's lock.

ALTER TABLE app_user
    ADD COLUMN active      boolean NOT NULL DEFAULT true,
    ADD COLUMN updated_at  timestamptz NOT NULL DEFAULT now();

ALTER TABLE part
    ADD COLUMN updated_at  timestamptz NOT NULL DEFAULT now();
ALTER TABLE part ADD CONSTRAINT part_description_length CHECK (length(description) BETWEEN 1 AND 200);

ALTER TABLE work_order
    ADD COLUMN created_by   text,
    ADD COLUMN released_at  timestamptz,
    ADD COLUMN note         text CHECK (length(note) <= 500);
ALTER TABLE work_order ADD CONSTRAINT work_order_id_format CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$');

-- The periods an order ran on its line: from start (or resume) to hold (or complete, abort).
-- Machine counters inside these periods are the order's counted quantities. A line runs one
-- order at a time, so at most one period per line is open.
CREATE TABLE work_order_run (
    id             bigserial PRIMARY KEY,
    work_order_id  text NOT NULL REFERENCES work_order (id),
    line_id        text NOT NULL REFERENCES line (id),
    started_at     timestamptz NOT NULL,
    ended_at       timestamptz,
    started_by     text NOT NULL,
    ended_by       text,
    CHECK (ended_at IS NULL OR ended_at >= started_at)
);
CREATE UNIQUE INDEX work_order_run_one_open_per_line ON work_order_run (line_id) WHERE ended_at IS NULL;
CREATE INDEX work_order_run_order_idx ON work_order_run (work_order_id);
CREATE INDEX work_order_run_line_time_idx ON work_order_run (line_id, started_at);

-- Scrap reports and corrections: who reported what, with a reason code and a note.
ALTER TABLE work_order_quantity_correction
    ADD COLUMN kind  text NOT NULL DEFAULT 'CORRECTION' CHECK (kind IN ('SCRAP', 'CORRECTION')),
    ADD COLUMN lot_id text;

-- Lots: PRODUCED by a work order on a line, or RECEIVED from a supplier (material). A produced
-- lot is open while the order makes parts into it; consumption links make the genealogy graph.
CREATE TABLE lot (
    id             text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9_./-]{0,63}$'),
    kind           text NOT NULL CHECK (kind IN ('PRODUCED', 'RECEIVED')),
    material       text NOT NULL CHECK (length(material) BETWEEN 1 AND 64),
    work_order_id  text REFERENCES work_order (id),
    line_id        text REFERENCES line (id),
    supplier       text CHECK (length(supplier) <= 200),
    quantity       integer CHECK (quantity >= 0),
    opened_at      timestamptz NOT NULL,
    closed_at      timestamptz,
    created_by     text NOT NULL,
    on_hold        boolean NOT NULL DEFAULT false,
    hold_reason    text CHECK (length(hold_reason) <= 500),
    CHECK ((kind = 'PRODUCED') = (work_order_id IS NOT NULL AND line_id IS NOT NULL)),
    CHECK (closed_at IS NULL OR closed_at >= opened_at)
);
CREATE UNIQUE INDEX lot_one_open_per_order ON lot (work_order_id) WHERE kind = 'PRODUCED' AND closed_at IS NULL;
CREATE INDEX lot_line_time_idx ON lot (line_id, opened_at);

CREATE TABLE lot_consumption (
    id               bigserial PRIMARY KEY,
    lot_id           text NOT NULL REFERENCES lot (id),
    consumed_lot_id  text NOT NULL REFERENCES lot (id),
    quantity         integer CHECK (quantity > 0),
    recorded_by      text NOT NULL,
    recorded_at      timestamptz NOT NULL,
    CHECK (lot_id <> consumed_lot_id)
);
CREATE INDEX lot_consumption_lot_idx ON lot_consumption (lot_id);
CREATE INDEX lot_consumption_consumed_idx ON lot_consumption (consumed_lot_id);

-- Optional serial numbers of single parts, each in one lot.
CREATE TABLE serial_unit (
    serial       text PRIMARY KEY CHECK (serial ~ '^[A-Za-z0-9][A-Za-z0-9_./-]{0,63}$'),
    lot_id       text NOT NULL REFERENCES lot (id),
    recorded_by  text NOT NULL,
    recorded_at  timestamptz NOT NULL
);
CREATE INDEX serial_unit_lot_idx ON serial_unit (lot_id);

-- Holds and their release, kept as history (the lot row carries the current state).
CREATE TABLE lot_hold (
    id           bigserial PRIMARY KEY,
    lot_id       text NOT NULL REFERENCES lot (id),
    action       text NOT NULL CHECK (action IN ('HOLD', 'RELEASE')),
    reason       text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    recorded_by  text NOT NULL,
    recorded_at  timestamptz NOT NULL
);
CREATE INDEX lot_hold_lot_idx ON lot_hold (lot_id);

-- The audit trail is append-only: besides the triggers of V4, the application's role may only
-- insert and read it (where the database owner and the application's role differ, as in prod).
REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM PUBLIC;

-- Numbers of orders and lots the MES assigns itself (WO-2026-00042, WO-2026-00042-01).
CREATE SEQUENCE work_order_no_seq;
