-- Reaction plans (IATF 16949 8.7.1.1, the control plan's reaction column): a characteristic may
-- say what happens by itself when one of its limits or an SPC rule breaks: the lots made since
-- its last good inspection go on hold (with what was made from them), and a nonconformity is
-- raised with the evidence. A repeat of the same signal on the same characteristic adds its
-- evidence to the open nonconformity, never a second one. Expand only.
ALTER TABLE characteristic
    ADD COLUMN react_hold  boolean NOT NULL DEFAULT false,
    ADD COLUMN react_ncr   boolean NOT NULL DEFAULT false;

ALTER TABLE nonconformity
    ADD COLUMN characteristic_id  bigint REFERENCES characteristic (id),
    ADD COLUMN signal             text CHECK (length(signal) BETWEEN 1 AND 64);
-- one open reaction per characteristic and signal
CREATE UNIQUE INDEX nonconformity_one_open_reaction ON nonconformity (characteristic_id, signal)
    WHERE signal IS NOT NULL AND status <> 'CLOSED';

-- The inspections that made a reaction fire (the first and every repeat). Evidence: append-only.
CREATE TABLE nonconformity_evidence (
    nonconformity_id  bigint NOT NULL REFERENCES nonconformity (id),
    inspection_id     bigint NOT NULL REFERENCES inspection (id),
    signal            text NOT NULL,
    recorded_at       timestamptz NOT NULL,
    PRIMARY KEY (nonconformity_id, inspection_id)
);
CREATE TRIGGER nonconformity_evidence_append_only BEFORE UPDATE OR DELETE ON nonconformity_evidence
    FOR EACH ROW EXECUTE FUNCTION evidence_is_append_only();
CREATE TRIGGER nonconformity_evidence_no_truncate BEFORE TRUNCATE ON nonconformity_evidence
    FOR EACH STATEMENT EXECUTE FUNCTION evidence_is_append_only();
