-- The DOWN stretches and the parts counted of each rollup slot (contracts/maintenance.md's stops are maximal runs of
-- them), so MTBF and MTTR over a month read these instead of every machine's whole timeline.
-- Part of the slot's rollup: computed with it under the machine's lock, dropped with it when late
-- facts or an operator's reason make it stale. The slots stored before this had none: they are a
-- cache of the raw facts, so they are dropped and computed again when next asked for.
CREATE TABLE oee_slot_down (
    machine_id  text NOT NULL,
    slot        timestamptz NOT NULL,
    from_at     timestamptz NOT NULL,
    to_at       timestamptz NOT NULL,
    reason      text,
    PRIMARY KEY (machine_id, slot, from_at),
    FOREIGN KEY (machine_id, slot) REFERENCES oee_slot ON DELETE CASCADE,
    CHECK (from_at < to_at)
);
-- every part counted in the slot (good plus scrap), planned stop or not: a machine's cycles for
-- preventive maintenance (oee_slot_output counts only those inside planned busy time)
ALTER TABLE oee_slot ADD COLUMN parts bigint NOT NULL DEFAULT 0;
TRUNCATE oee_slot CASCADE;
