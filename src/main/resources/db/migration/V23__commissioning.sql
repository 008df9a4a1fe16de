-- When a machine was commissioned (contracts/oee.md): time before it is not planned, so a machine
-- added today does not show yesterday as downtime. Null means the earliest ts of its messages,
-- which is the lower bound of its machine_coverage.
ALTER TABLE machine ADD COLUMN commissioned_at timestamptz;
