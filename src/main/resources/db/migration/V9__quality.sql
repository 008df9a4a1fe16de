-- Quality: gauges and their calibration (ISO 9001 7.1.5), control plans (IATF 16949 annex A),
-- inspections (evidence, append-only, superseded by corrections), product release (8.6),
-- nonconformities (8.7) and corrective actions (10.2).

CREATE TABLE gauge (
    id             text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$'),
    description    text NOT NULL CHECK (length(description) BETWEEN 1 AND 200),
    interval_days  integer NOT NULL CHECK (interval_days BETWEEN 1 AND 3650),
    active         boolean NOT NULL DEFAULT true,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

-- A calibration found the gauge in tolerance (PASS) or out of it (FAIL). Evidence: append-only.
CREATE TABLE calibration (
    id             bigserial PRIMARY KEY,
    gauge_id       text NOT NULL REFERENCES gauge (id),
    calibrated_at  timestamptz NOT NULL,
    result         text NOT NULL CHECK (result IN ('PASS', 'FAIL')),
    certificate    text NOT NULL CHECK (length(certificate) BETWEEN 1 AND 200),
    note           text CHECK (length(note) <= 1000),
    recorded_by    text NOT NULL,
    recorded_at    timestamptz NOT NULL
);
CREATE INDEX calibration_gauge_time_idx ON calibration (gauge_id, calibrated_at);

-- A control plan is the active characteristics of a part, per operation. Replaced characteristics
-- are deactivated, not deleted: inspections refer to them.
CREATE TABLE characteristic (
    id             bigserial PRIMARY KEY,
    part_id        text NOT NULL REFERENCES part (id),
    operation_no   integer NOT NULL CHECK (operation_no > 0),
    code           text NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$'),
    name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    kind           text NOT NULL CHECK (kind IN ('VARIABLE', 'ATTRIBUTE')),
    nominal        double precision,
    lsl            double precision,
    usl            double precision,
    unit           text CHECK (length(unit) <= 20),
    special        boolean NOT NULL DEFAULT false,
    method         text CHECK (length(method) <= 200),
    gauge_id       text REFERENCES gauge (id),
    sample_size    integer NOT NULL CHECK (sample_size BETWEEN 1 AND 10),
    frequency      text NOT NULL CHECK (length(frequency) BETWEEN 1 AND 200),
    reaction_plan  text NOT NULL CHECK (length(reaction_plan) BETWEEN 1 AND 1000),
    active         boolean NOT NULL DEFAULT true,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (part_id, code),
    CHECK (kind = 'ATTRIBUTE' OR lsl IS NOT NULL OR usl IS NOT NULL),
    CHECK (lsl IS NULL OR usl IS NULL OR lsl < usl)
);

CREATE TABLE nonconformity (
    id                bigserial PRIMARY KEY,
    status            text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'REWORK', 'CLOSED')),
    part_id           text REFERENCES part (id),
    lot_id            text REFERENCES lot (id),
    inspection_id     bigint REFERENCES inspection (id),
    description       text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
    raised_by         text NOT NULL,
    raised_at         timestamptz NOT NULL,
    containment       text CHECK (length(containment) <= 2000),
    disposition       text CHECK (disposition IN ('USE_AS_IS', 'REWORK', 'SCRAP', 'RETURN_TO_SUPPLIER')),
    disposition_note  text CHECK (length(disposition_note) <= 2000),
    disposed_by       text,
    disposed_at       timestamptz,
    closed_at         timestamptz,
    version           integer NOT NULL DEFAULT 0
);
CREATE INDEX nonconformity_status_idx ON nonconformity (status, raised_at);
CREATE INDEX nonconformity_lot_idx ON nonconformity (lot_id);

-- The suspect lots a nonconformity contained (put on hold).
CREATE TABLE nonconformity_lot (
    nonconformity_id  bigint NOT NULL REFERENCES nonconformity (id),
    lot_id            text NOT NULL REFERENCES lot (id),
    PRIMARY KEY (nonconformity_id, lot_id)
);

-- Inspections: the characteristic of the plan, the gauge used and whether its calibration was
-- overdue at the time, a re-inspection's nonconformity. A record is superseded at most once.
ALTER TABLE inspection
    ADD COLUMN characteristic_id  bigint REFERENCES characteristic (id),
    ADD COLUMN gauge_id           text REFERENCES gauge (id),
    ADD COLUMN gauge_overdue      boolean NOT NULL DEFAULT false,
    ADD COLUMN nonconformity_id   bigint REFERENCES nonconformity (id),
    ADD COLUMN comment            text CHECK (length(comment) <= 1000),
    ADD CONSTRAINT inspection_lot_fk FOREIGN KEY (lot_id) REFERENCES lot (id),
    ADD CONSTRAINT inspection_supersede_reason_length CHECK (length(supersede_reason) <= 500);
CREATE UNIQUE INDEX inspection_superseded_once ON inspection (supersedes_id) WHERE supersedes_id IS NOT NULL;
CREATE INDEX inspection_characteristic_time_idx ON inspection (characteristic_id, inspected_at);
CREATE INDEX inspection_gauge_time_idx ON inspection (gauge_id, inspected_at);

-- Product release: one per lot. concession is null when every planned inspection passed;
-- otherwise it holds the authorised person's terms, and outstanding what was not passed.
CREATE TABLE lot_release (
    id             bigserial PRIMARY KEY,
    lot_id         text NOT NULL UNIQUE REFERENCES lot (id),
    concession     text CHECK (length(concession) BETWEEN 1 AND 2000),
    outstanding    text NOT NULL DEFAULT '',
    authorised_by  text NOT NULL,
    authorised_at  timestamptz NOT NULL
);

CREATE TABLE capa (
    id                bigserial PRIMARY KEY,
    title             text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    nonconformity_id  bigint REFERENCES nonconformity (id),
    problem           text NOT NULL CHECK (length(problem) BETWEEN 1 AND 2000),
    root_cause        text CHECK (length(root_cause) <= 2000),
    owner             text NOT NULL CHECK (length(owner) BETWEEN 1 AND 64),
    due_on            date NOT NULL,
    status            text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'CLOSED')),
    opened_by         text NOT NULL,
    opened_at         timestamptz NOT NULL,
    closed_by         text,
    closed_at         timestamptz,
    version           integer NOT NULL DEFAULT 0
);
CREATE INDEX capa_status_idx ON capa (status, due_on);

CREATE TABLE capa_action (
    id           bigserial PRIMARY KEY,
    capa_id      bigint NOT NULL REFERENCES capa (id),
    description  text NOT NULL CHECK (length(description) BETWEEN 1 AND 1000),
    owner        text NOT NULL CHECK (length(owner) BETWEEN 1 AND 64),
    due_on       date NOT NULL,
    done_at      timestamptz,
    done_by      text,
    done_note    text CHECK (length(done_note) <= 1000)
);
CREATE INDEX capa_action_capa_idx ON capa_action (capa_id);

-- Effectiveness checks: evidence, append-only; the newest decides whether the CAPA may close.
CREATE TABLE capa_check (
    id          bigserial PRIMARY KEY,
    capa_id     bigint NOT NULL REFERENCES capa (id),
    effective   boolean NOT NULL,
    evidence    text NOT NULL CHECK (length(evidence) BETWEEN 1 AND 2000),
    checked_by  text NOT NULL,
    checked_at  timestamptz NOT NULL
);
CREATE INDEX capa_check_capa_idx ON capa_check (capa_id, checked_at);

-- Evidence is append-only: the same refusal as the audit trail's.
CREATE FUNCTION evidence_is_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is evidence and append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['inspection', 'inspection_measurement', 'calibration', 'lot_release', 'capa_check'] LOOP
        EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION evidence_is_append_only()',
                t || '_no_update_delete', t);
        EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION evidence_is_append_only()',
                t || '_no_truncate', t);
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %I FROM PUBLIC', t);
    END LOOP;
END;
$$;
