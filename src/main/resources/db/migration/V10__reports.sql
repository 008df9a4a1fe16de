-- Compliance reports: immutable sets of files (HTML, PDF, CSV, a SHA-256 manifest) in the reports
-- store; the row records where they are and their hashes. A scheduled report exists once per
-- type and period, whichever instance made it; on-demand reports may repeat a period.
CREATE TABLE report (
    id                bigint PRIMARY KEY,
    type              text NOT NULL CHECK (type IN ('DAILY', 'WEEKLY', 'MONTHLY')),
    period_from       timestamptz NOT NULL,
    period_to         timestamptz NOT NULL,
    time_zone         text NOT NULL,
    trigger           text NOT NULL CHECK (trigger IN ('SCHEDULED', 'ON_DEMAND')),
    requested_by      text NOT NULL,
    generated_at      timestamptz NOT NULL,
    software_version  text NOT NULL,
    location          text NOT NULL,
    manifest_sha256   text NOT NULL CHECK (manifest_sha256 ~ '^[0-9a-f]{64}$'),
    files             jsonb NOT NULL,
    CHECK (period_to > period_from)
);
CREATE SEQUENCE report_id_seq OWNED BY report.id;
CREATE UNIQUE INDEX report_scheduled_once ON report (type, period_from) WHERE trigger = 'SCHEDULED';
CREATE INDEX report_period_idx ON report (period_from DESC);

CREATE TRIGGER report_no_update_delete BEFORE UPDATE OR DELETE ON report
    FOR EACH ROW EXECUTE FUNCTION evidence_is_append_only();
CREATE TRIGGER report_no_truncate BEFORE TRUNCATE ON report
    FOR EACH STATEMENT EXECUTE FUNCTION evidence_is_append_only();
REVOKE UPDATE, DELETE, TRUNCATE ON report FROM PUBLIC;
