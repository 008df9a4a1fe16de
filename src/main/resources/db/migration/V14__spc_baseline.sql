-- SPC baselines (AIAG SPC manual, phase II): the control limits of a characteristic frozen from a
-- chosen period by a quality engineer, with a reason, and used for every later chart instead of
-- limits computed from whatever window is shown. Recomputed only on request: a new row, the
-- newest is current. Evidence: append-only. Expand only: the previous release ignores it.
CREATE TABLE spc_baseline (
    id                  bigserial PRIMARY KEY,
    characteristic_id   bigint NOT NULL REFERENCES characteristic (id),
    location_kind       text NOT NULL CHECK (location_kind IN ('XBAR', 'INDIVIDUALS')),
    centre              double precision NOT NULL,
    lcl                 double precision NOT NULL,
    ucl                 double precision NOT NULL,
    dispersion_kind     text NOT NULL CHECK (dispersion_kind IN ('RANGE', 'MOVING_RANGE')),
    dispersion_centre   double precision NOT NULL,
    dispersion_lcl      double precision NOT NULL,
    dispersion_ucl      double precision NOT NULL,
    subgroups           integer NOT NULL CHECK (subgroups >= 2),
    from_ts             timestamptz NOT NULL,
    to_ts               timestamptz NOT NULL CHECK (to_ts > from_ts),
    reason              text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    frozen_by           text NOT NULL,
    frozen_at           timestamptz NOT NULL,
    CHECK (lcl < ucl AND dispersion_lcl <= dispersion_ucl)
);
CREATE INDEX spc_baseline_characteristic_idx ON spc_baseline (characteristic_id, frozen_at DESC);
CREATE TRIGGER spc_baseline_append_only BEFORE UPDATE OR DELETE ON spc_baseline
    FOR EACH ROW EXECUTE FUNCTION evidence_is_append_only();
CREATE TRIGGER spc_baseline_no_truncate BEFORE TRUNCATE ON spc_baseline
    FOR EACH STATEMENT EXECUTE FUNCTION evidence_is_append_only();
