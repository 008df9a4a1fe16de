-- Control plans as versioned documents (IATF 16949 8.5.1.1, annex A): a part's plan is a series of
-- revisions, each a DRAFT until a second person approves it; approving one supersedes the one in
-- force. A revision's characteristics are kept as the document was approved (jsonb, the
-- application's CharacteristicIn list); the characteristic rows are the revision in force,
-- materialised, so inspections and SPC keep one id per (part, code). An approved or superseded
-- revision never changes again; a draft may be edited or discarded.
CREATE TABLE control_plan_revision (
    part_id          text NOT NULL REFERENCES part (id),
    revision         integer NOT NULL CHECK (revision > 0),
    status           text NOT NULL CHECK (status IN ('DRAFT', 'APPROVED', 'SUPERSEDED')),
    characteristics  jsonb NOT NULL CHECK (jsonb_typeof(characteristics) = 'array'),
    change_note      text CHECK (length(change_note) <= 1000),
    drafted_by       text NOT NULL,
    drafted_at       timestamptz NOT NULL,
    approved_by      text,
    approved_at      timestamptz,
    approval_note    text CHECK (length(approval_note) <= 1000),
    superseded_at    timestamptz,
    PRIMARY KEY (part_id, revision),
    CHECK ((status = 'DRAFT') = (approved_by IS NULL)),
    CHECK ((status = 'SUPERSEDED') = (superseded_at IS NOT NULL)),
    CHECK (approved_by IS NULL OR approved_by <> drafted_by)
);
CREATE UNIQUE INDEX control_plan_one_draft ON control_plan_revision (part_id) WHERE status = 'DRAFT';
CREATE UNIQUE INDEX control_plan_one_in_force ON control_plan_revision (part_id) WHERE status = 'APPROVED';

-- A draft changes freely and may be discarded; an approved revision may only become superseded.
CREATE FUNCTION control_plan_revision_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND OLD.status = 'DRAFT' THEN
        RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.status = 'DRAFT' THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.status = 'APPROVED' AND NEW.status = 'SUPERSEDED'
            AND (NEW.part_id, NEW.revision, NEW.characteristics, NEW.change_note, NEW.drafted_by, NEW.drafted_at, NEW.approved_by,
                 NEW.approved_at, NEW.approval_note)
                IS NOT DISTINCT FROM (OLD.part_id, OLD.revision, OLD.characteristics, OLD.change_note, OLD.drafted_by, OLD.drafted_at,
                 OLD.approved_by, OLD.approved_at, OLD.approval_note) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'control_plan_revision % of % is %: % refused (an approved control plan is evidence)', OLD.revision, OLD.part_id,
        OLD.status, TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER control_plan_revision_guard BEFORE UPDATE OR DELETE ON control_plan_revision
    FOR EACH ROW EXECUTE FUNCTION control_plan_revision_guard();
CREATE TRIGGER control_plan_revision_no_truncate BEFORE TRUNCATE ON control_plan_revision
    FOR EACH STATEMENT EXECUTE FUNCTION evidence_is_append_only();

-- When a characteristic is inspected (IATF 16949 8.5.1.1 e): first piece after a set-up, after a
-- stop longer than N minutes, after maintenance, every N parts, every T minutes, the last piece.
-- The free-text frequency stays as the plan's wording.
ALTER TABLE characteristic
    ADD COLUMN first_off           boolean NOT NULL DEFAULT false,
    ADD COLUMN after_stop_minutes  integer CHECK (after_stop_minutes BETWEEN 1 AND 10080),
    ADD COLUMN after_maintenance   boolean NOT NULL DEFAULT false,
    ADD COLUMN every_parts         integer CHECK (every_parts BETWEEN 1 AND 10000000),
    ADD COLUMN every_minutes       integer CHECK (every_minutes BETWEEN 1 AND 10080),
    ADD COLUMN last_piece          boolean NOT NULL DEFAULT false;

-- The plans in force before revisions were kept become revision 1 of their part.
INSERT INTO control_plan_revision (part_id, revision, status, characteristics, change_note, drafted_by, drafted_at, approved_by,
                                   approved_at)
SELECT c.part_id, 1, 'APPROVED',
       jsonb_agg(jsonb_build_object('code', c.code, 'operationNo', c.operation_no, 'name', c.name, 'kind', c.kind, 'nominal', c.nominal,
           'lsl', c.lsl, 'usl', c.usl, 'unit', c.unit, 'special', c.special, 'method', c.method, 'gaugeId', c.gauge_id,
           'sampleSize', c.sample_size, 'frequency', c.frequency, 'reactionPlan', c.reaction_plan) ORDER BY c.operation_no, c.code),
       'the plan in force when revisions began to be kept', 'system', now(), 'system (V16 migration)', now()
FROM characteristic c WHERE c.active GROUP BY c.part_id;

-- An inspection names the revision it followed and keeps the limits it was judged against, so a
-- later revision cannot change what an old record says.
ALTER TABLE inspection
    ADD COLUMN control_plan_revision  integer,
    ADD COLUMN judged_lsl             double precision,
    ADD COLUMN judged_usl             double precision;
ALTER TABLE inspection DISABLE TRIGGER inspection_no_update_delete;
UPDATE inspection i SET control_plan_revision = 1, judged_lsl = c.lsl, judged_usl = c.usl
FROM characteristic c WHERE c.id = i.characteristic_id;
ALTER TABLE inspection ENABLE TRIGGER inspection_no_update_delete;
