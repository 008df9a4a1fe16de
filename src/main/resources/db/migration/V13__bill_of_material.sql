-- Bills of material (IATF 16949 8.5.2, traceability): which materials a part may consume, in which
-- unit; and the unit of a received lot. What is left of a lot is derived (its quantity less what
-- was consumed of it), never stored. Expand only: the previous release ignores both.
CREATE TABLE bill_of_material (
    part_id    text NOT NULL REFERENCES part (id),
    material   text NOT NULL CHECK (length(material) BETWEEN 1 AND 64),
    unit       text NOT NULL CHECK (unit IN ('pcs', 'kg', 'g', 't', 'm', 'l')),
    per_part   double precision CHECK (per_part > 0),
    PRIMARY KEY (part_id, material)
);

ALTER TABLE lot ADD COLUMN unit text CHECK (unit IN ('pcs', 'kg', 'g', 't', 'm', 'l'));
