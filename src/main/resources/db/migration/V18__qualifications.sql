-- Qualified people (IATF 16949 7.2, 7.2.1): the training matrix. Its columns are the
-- requirements the plant sets (an operation of a part's routing as PART:NO, a part, a machine, or
-- a task such as INSPECTION or RELEASE, each
-- with the lowest level that may work alone); its cells are the grants: a person's level for it
-- and until when. A grant is never changed: a renewal, a lower level or a withdrawal (level 0) is
-- a new grant, the newest one counting; a supervisor's override is a grant of a few hours with its
-- reason. Starting an order, entering an inspection and releasing a lot check them.
CREATE TABLE qualification_requirement (
    kind        text NOT NULL CHECK (kind IN ('OPERATION', 'PART', 'MACHINE', 'TASK')),
    scope_id    text NOT NULL CHECK (length(scope_id) BETWEEN 1 AND 64),
    min_level   integer NOT NULL CHECK (min_level BETWEEN 1 AND 4),
    description text CHECK (length(description) <= 200),
    created_by  text NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (kind, scope_id)
);

CREATE TABLE qualification_grant (
    id           bigserial PRIMARY KEY,
    username     text NOT NULL REFERENCES app_user (username),
    kind         text NOT NULL CHECK (kind IN ('OPERATION', 'PART', 'MACHINE', 'TASK')),
    scope_id     text NOT NULL CHECK (length(scope_id) BETWEEN 1 AND 64),
    level        integer NOT NULL CHECK (level BETWEEN 0 AND 4),
    valid_until  timestamptz NOT NULL,
    override     boolean NOT NULL DEFAULT false,
    note         text CHECK (length(note) <= 500),
    granted_by   text NOT NULL,
    granted_at   timestamptz NOT NULL,
    CHECK (NOT override OR (note IS NOT NULL AND granted_by <> username))
);
CREATE INDEX qualification_grant_user_idx ON qualification_grant (username, kind, scope_id, granted_at DESC);
CREATE TRIGGER qualification_grant_append_only BEFORE UPDATE OR DELETE ON qualification_grant
    FOR EACH ROW EXECUTE FUNCTION evidence_is_append_only();
CREATE TRIGGER qualification_grant_no_truncate BEFORE TRUNCATE ON qualification_grant
    FOR EACH STATEMENT EXECUTE FUNCTION evidence_is_append_only();
