-- Andon (issue 23): a call for help at a machine, to maintenance, quality or the supervisor, made
-- with one tap at the line; acknowledged by who answers, then resolved. When it was called,
-- answered and resolved comes from the clock, so the wait and the repair can be measured (MTTR
-- split into response and repair). One call per machine and target is open at a time: a second
-- tap is the same call.
CREATE TABLE andon_call (
    id               bigserial PRIMARY KEY,
    machine_id       text NOT NULL REFERENCES machine (id) ON DELETE CASCADE,
    target           text NOT NULL CHECK (target IN ('MAINTENANCE', 'QUALITY', 'SUPERVISOR')),
    status           text NOT NULL CHECK (status IN ('OPEN', 'ACKNOWLEDGED', 'RESOLVED')),
    note             text CHECK (length(note) <= 500),
    called_by        text NOT NULL,
    called_at        timestamptz NOT NULL,
    acknowledged_by  text,
    acknowledged_at  timestamptz,
    resolved_by      text,
    resolved_at      timestamptz,
    resolution       text CHECK (length(resolution) <= 500),
    -- when the call was first escalated (unanswered too long), and to whom
    escalated_at     timestamptz,
    escalated_to     text,
    CHECK ((status = 'OPEN') = (acknowledged_at IS NULL)),
    CHECK ((status = 'RESOLVED') = (resolved_at IS NOT NULL)),
    CHECK (acknowledged_at IS NULL OR (acknowledged_by IS NOT NULL AND acknowledged_at >= called_at)),
    CHECK (resolved_at IS NULL OR (resolved_by IS NOT NULL AND resolution IS NOT NULL AND resolved_at >= acknowledged_at))
);
CREATE UNIQUE INDEX andon_call_one_open ON andon_call (machine_id, target) WHERE status <> 'RESOLVED';
CREATE INDEX andon_call_machine_idx ON andon_call (machine_id, called_at);
CREATE INDEX andon_call_open_idx ON andon_call (status) WHERE status <> 'RESOLVED';

CREATE FUNCTION andon_call_resolved_is_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR OLD.status = 'RESOLVED' THEN
        RAISE EXCEPTION 'andon call % is evidence: a resolved call cannot change', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER andon_call_final BEFORE UPDATE OR DELETE ON andon_call
    FOR EACH ROW EXECUTE FUNCTION andon_call_resolved_is_final();
CREATE TRIGGER andon_call_no_truncate BEFORE TRUNCATE ON andon_call
    FOR EACH STATEMENT EXECUTE FUNCTION evidence_is_append_only();
