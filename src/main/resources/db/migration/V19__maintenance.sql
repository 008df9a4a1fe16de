-- Maintenance (contracts/maintenance.md): a machine's micro-stop threshold, and each site's tree of
-- downtime reason codes with their loss categories, kept as the validated document of the API
-- (like the shift calendar): it is replaced whole, and the audit trail keeps each version.
ALTER TABLE machine ADD COLUMN micro_stop_seconds integer NOT NULL DEFAULT 120
    CHECK (micro_stop_seconds BETWEEN 0 AND 86400);

CREATE TABLE site_downtime_reasons (
    site_id     text PRIMARY KEY REFERENCES site (id) ON DELETE CASCADE,
    reasons     jsonb NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    updated_by  text
);
