-- OEE rollups per machine and UTC quarter hour (mes.oee.domain.Slots): the calculator's result
-- over the slot as if wholly planned without breaks. A cache of the raw facts, never a source:
-- ingestion deletes a machine's slots from the earliest ts it writes onwards (late data, a
-- redelivery with new content), an operator's downtime reason deletes the slots it covers, and
-- the next query or the rollup job computes them again. Both sides hold the machine's advisory
-- lock (OeeRollups.LOCK_CLASS), so a slot computed while late facts commit cannot survive them.
CREATE TABLE oee_slot (
    machine_id   text NOT NULL REFERENCES machine (id) ON DELETE CASCADE,
    slot         timestamptz NOT NULL,
    pdot         double precision NOT NULL,
    apt          double precision NOT NULL,
    aust         double precision NOT NULL,
    adet         double precision NOT NULL,
    adot         double precision NOT NULL,
    computed_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (machine_id, slot)
);

-- Loss time (seconds within PBT, not RUNNING) by reason in a slot.
CREATE TABLE oee_slot_loss (
    machine_id  text NOT NULL,
    slot        timestamptz NOT NULL,
    reason      text NOT NULL,
    seconds     double precision NOT NULL,
    PRIMARY KEY (machine_id, slot, reason),
    FOREIGN KEY (machine_id, slot) REFERENCES oee_slot ON DELETE CASCADE
);

-- Good and scrap counted in a slot's PBT per work order ('' for samples that named none).
CREATE TABLE oee_slot_output (
    machine_id  text NOT NULL,
    slot        timestamptz NOT NULL,
    work_order  text NOT NULL,
    good        bigint NOT NULL,
    scrap       bigint NOT NULL,
    PRIMARY KEY (machine_id, slot, work_order),
    FOREIGN KEY (machine_id, slot) REFERENCES oee_slot ON DELETE CASCADE
);
