-- Gauge R&R studies (IATF 16949 7.1.5.1.1, AIAG MSA 4th edition): the measurements of a study as
-- taken ([appraiser][part][trial], flattened), the tolerance they are judged against, and the
-- verdict (the worse of the average-and-range and the ANOVA method); the figures are derived
-- from the measurements. Evidence: append-only. An inspection remembers whether its gauge had a
-- valid study when it was used (as it remembers an overdue calibration). Expand only.
CREATE TABLE gauge_study (
    id                 bigserial PRIMARY KEY,
    gauge_id           text NOT NULL REFERENCES gauge (id),
    characteristic_id  bigint REFERENCES characteristic (id),
    tolerance          double precision CHECK (tolerance > 0),
    appraisers         text[] NOT NULL CHECK (cardinality(appraisers) BETWEEN 2 AND 3),
    parts              integer NOT NULL CHECK (parts BETWEEN 2 AND 10),
    trials             integer NOT NULL CHECK (trials BETWEEN 2 AND 3),
    measurements       double precision[] NOT NULL CHECK (cardinality(measurements) = cardinality(appraisers) * parts * trials),
    verdict            text NOT NULL CHECK (verdict IN ('ACCEPTABLE', 'CONDITIONAL', 'NOT_ACCEPTABLE')),
    note               text CHECK (length(note) <= 1000),
    recorded_by        text NOT NULL,
    recorded_at        timestamptz NOT NULL
);
CREATE INDEX gauge_study_gauge_idx ON gauge_study (gauge_id, recorded_at DESC);
CREATE TRIGGER gauge_study_append_only BEFORE UPDATE OR DELETE ON gauge_study
    FOR EACH ROW EXECUTE FUNCTION evidence_is_append_only();
CREATE TRIGGER gauge_study_no_truncate BEFORE TRUNCATE ON gauge_study
    FOR EACH STATEMENT EXECUTE FUNCTION evidence_is_append_only();

ALTER TABLE inspection ADD COLUMN gauge_unstudied boolean NOT NULL DEFAULT false;
