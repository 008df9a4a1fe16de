-- Parts, routings and work orders (ISA-95 job order states).

CREATE TABLE part (
    id           text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$'),
    description  text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);

-- One operation of a part's routing on a machine, with the ideal cycle time of that part there.
CREATE TABLE routing_operation (
    part_id                   text NOT NULL REFERENCES part (id),
    operation_no              integer NOT NULL CHECK (operation_no > 0),
    machine_id                text NOT NULL REFERENCES machine (id),
    ideal_cycle_time_seconds  double precision NOT NULL CHECK (ideal_cycle_time_seconds > 0),
    description               text,
    PRIMARY KEY (part_id, operation_no, machine_id)
);
CREATE INDEX routing_operation_machine_idx ON routing_operation (machine_id);

CREATE TABLE work_order (
    id                text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
    part_id           text NOT NULL REFERENCES part (id),
    line_id           text NOT NULL REFERENCES line (id),
    planned_quantity  integer NOT NULL CHECK (planned_quantity > 0),
    state             text NOT NULL DEFAULT 'PLANNED'
                      CHECK (state IN ('PLANNED', 'RELEASED', 'RUNNING', 'HELD', 'COMPLETED', 'CLOSED', 'ABORTED')),
    due_at            timestamptz,
    started_at        timestamptz,
    finished_at       timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    version           integer NOT NULL DEFAULT 0
);
CREATE INDEX work_order_line_state_idx ON work_order (line_id, state);

-- Operators' corrections of quantities: separate records with a reason, never an overwrite.
CREATE TABLE work_order_quantity_correction (
    id             bigserial PRIMARY KEY,
    work_order_id  text NOT NULL REFERENCES work_order (id),
    good_delta     integer NOT NULL DEFAULT 0,
    scrap_delta    integer NOT NULL DEFAULT 0,
    reason         text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    recorded_by    text NOT NULL,
    recorded_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX wo_correction_order_idx ON work_order_quantity_correction (work_order_id);

-- Anomaly alerts: one open alert per (machine, sensor, rule), repeats update it.
CREATE TABLE alert (
    id               bigserial PRIMARY KEY,
    machine_id       text NOT NULL REFERENCES machine (id),
    sensor           text,
    rule             text NOT NULL,
    severity         text NOT NULL CHECK (severity IN ('INFO', 'WARNING', 'CRITICAL')),
    status           text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'ACKNOWLEDGED', 'RESOLVED')),
    opened_at        timestamptz NOT NULL,
    last_seen_at     timestamptz NOT NULL,
    resolved_at      timestamptz,
    occurrences      integer NOT NULL DEFAULT 1,
    value            double precision,
    message          text NOT NULL,
    acknowledged_by  text,
    acknowledged_at  timestamptz,
    ack_comment      text
);
CREATE UNIQUE INDEX alert_one_open_idx ON alert (machine_id, coalesce(sensor, ''), rule) WHERE status <> 'RESOLVED';
CREATE INDEX alert_machine_opened_idx ON alert (machine_id, opened_at);
CREATE INDEX alert_status_idx ON alert (status, opened_at);

-- Quality inspections: evidence, append-only. A correction is a new row that supersedes.
CREATE TABLE inspection (
    id              bigserial PRIMARY KEY,
    lot_id          text,
    work_order_id   text REFERENCES work_order (id),
    machine_id      text REFERENCES machine (id),
    characteristic  text NOT NULL,
    result          text NOT NULL CHECK (result IN ('PASS', 'FAIL')),
    inspected_by    text NOT NULL,
    inspected_at    timestamptz NOT NULL,
    supersedes_id   bigint REFERENCES inspection (id),
    supersede_reason text,
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    CHECK ((supersedes_id IS NULL) = (supersede_reason IS NULL))
);
CREATE INDEX inspection_lot_idx ON inspection (lot_id);
CREATE INDEX inspection_machine_time_idx ON inspection (machine_id, inspected_at);

CREATE TABLE inspection_measurement (
    inspection_id  bigint NOT NULL REFERENCES inspection (id),
    sample_no      integer NOT NULL CHECK (sample_no > 0),
    value          double precision NOT NULL,
    PRIMARY KEY (inspection_id, sample_no)
);

-- The audit trail (ISO 9001 7.5.3): append-only and hash-chained. Each row's hash covers its
-- content and the previous row's hash, so any change to history breaks the chain.
CREATE TABLE audit_event (
    id           bigserial PRIMARY KEY,
    occurred_at  timestamptz NOT NULL DEFAULT now(),
    actor        text NOT NULL,
    action       text NOT NULL,
    entity_type  text NOT NULL,
    entity_id    text NOT NULL,
    before       jsonb,
    after        jsonb,
    prev_hash    text NOT NULL,
    hash         text NOT NULL UNIQUE
);
CREATE INDEX audit_event_time_idx ON audit_event (occurred_at);
CREATE INDEX audit_event_entity_idx ON audit_event (entity_type, entity_id);

CREATE FUNCTION audit_event_is_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_event_no_update_delete
    BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();
CREATE TRIGGER audit_event_no_truncate
    BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();
