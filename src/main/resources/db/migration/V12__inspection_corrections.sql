-- Four eyes on evidence (IATF 16949 7.5.3, 8.6): a correction that changes an inspection's verdict,
-- or any correction of a special characteristic, is a request of one person that a second
-- person approves (then the superseding inspection is written) or rejects. Evidence:
-- append-only, decided once. Expand only: the previous release ignores it.
CREATE TABLE inspection_correction (
    id              bigserial PRIMARY KEY,
    inspection_id   bigint NOT NULL REFERENCES inspection (id),
    result          text NOT NULL CHECK (result IN ('PASS', 'FAIL')),
    measured        double precision[] NOT NULL DEFAULT '{}',
    reason          text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    requested_by    text NOT NULL,
    requested_at    timestamptz NOT NULL,
    status          text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
    decided_by      text,
    decided_at      timestamptz,
    decision_note   text CHECK (length(decision_note) <= 500),
    correction_id   bigint REFERENCES inspection (id),
    CHECK ((status = 'PENDING') = (decided_by IS NULL)),
    CHECK (decided_by IS NULL OR decided_by <> requested_by),
    CHECK ((status = 'APPROVED') = (correction_id IS NOT NULL))
);
CREATE UNIQUE INDEX inspection_correction_one_pending ON inspection_correction (inspection_id) WHERE status = 'PENDING';

-- Evidence: a request is decided once (PENDING to APPROVED or REJECTED, nothing else changes)
-- and never deleted.
CREATE FUNCTION inspection_correction_decided_once() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.status = 'PENDING' AND NEW.status <> 'PENDING'
            AND (NEW.inspection_id, NEW.result, NEW.measured, NEW.reason, NEW.requested_by, NEW.requested_at)
                IS NOT DISTINCT FROM (OLD.inspection_id, OLD.result, OLD.measured, OLD.reason, OLD.requested_by, OLD.requested_at) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'inspection_correction is evidence and append-only: % refused (a request is decided once)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER inspection_correction_decided_once BEFORE UPDATE OR DELETE ON inspection_correction
    FOR EACH ROW EXECUTE FUNCTION inspection_correction_decided_once();
CREATE TRIGGER inspection_correction_no_truncate BEFORE TRUNCATE ON inspection_correction
    FOR EACH STATEMENT EXECUTE FUNCTION evidence_is_append_only();
