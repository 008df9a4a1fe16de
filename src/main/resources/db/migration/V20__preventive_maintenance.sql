-- The MAINTENANCE role, and preventive maintenance (contracts/maintenance.md, IATF 16949 8.5.1.5): a machine's plans, each
-- falling due every N days, N run hours or N cycles with a tolerance, and the maintenance work
-- orders made when one falls due. When a plan fell due and how much it had been used when its
-- order was done are worked out from the stored facts, never typed; a done order is evidence and
-- cannot change.
CREATE TABLE maintenance_plan (
    id                 bigserial PRIMARY KEY,
    machine_id         text NOT NULL REFERENCES machine (id) ON DELETE CASCADE,
    title              text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
    instructions       text CHECK (length(instructions) <= 2000),
    trigger            text NOT NULL CHECK (trigger IN ('DAYS', 'RUN_HOURS', 'CYCLES')),
    every              double precision NOT NULL CHECK (every > 0 AND every <= 100000000),
    tolerance_percent  double precision NOT NULL DEFAULT 10 CHECK (tolerance_percent BETWEEN 0 AND 100),
    starts_at          timestamptz NOT NULL,
    first_off_required boolean NOT NULL DEFAULT false,
    active             boolean NOT NULL DEFAULT true,
    created_by         text NOT NULL,
    created_at         timestamptz NOT NULL
);
CREATE INDEX maintenance_plan_machine_idx ON maintenance_plan (machine_id);

CREATE TABLE maintenance_order (
    id               bigserial PRIMARY KEY,
    plan_id          bigint NOT NULL REFERENCES maintenance_plan (id) ON DELETE CASCADE,
    machine_id       text NOT NULL REFERENCES machine (id) ON DELETE CASCADE,
    status           text NOT NULL CHECK (status IN ('OPEN', 'ASSIGNED', 'IN_PROGRESS', 'DONE')),
    -- the moment the plan's measure reached N since the last completion (from the facts)
    due_since        timestamptz NOT NULL,
    created_at       timestamptz NOT NULL,
    assignee         text REFERENCES app_user (username),
    started_at       timestamptz,
    done_at          timestamptz,
    done_by          text,
    notes            text CHECK (length(notes) <= 2000),
    minutes_spent    integer CHECK (minutes_spent BETWEEN 1 AND 10000),
    parts            jsonb NOT NULL DEFAULT '[]',
    -- the plan's measure since the last completion when this one was done, and whether that was within N plus the tolerance
    measure_at_done  double precision,
    within_tolerance boolean,
    CHECK ((status = 'DONE') = (done_at IS NOT NULL)),
    CHECK (status <> 'DONE' OR (done_by IS NOT NULL AND notes IS NOT NULL AND minutes_spent IS NOT NULL
        AND measure_at_done IS NOT NULL AND within_tolerance IS NOT NULL AND started_at IS NOT NULL)),
    CHECK (status NOT IN ('ASSIGNED', 'IN_PROGRESS') OR assignee IS NOT NULL)
);
-- one order per plan at a time: every instance may find the plan due, one order is made
CREATE UNIQUE INDEX maintenance_order_one_open ON maintenance_order (plan_id) WHERE status <> 'DONE';
CREATE INDEX maintenance_order_plan_done_idx ON maintenance_order (plan_id, done_at DESC);
CREATE INDEX maintenance_order_due_idx ON maintenance_order (due_since);

CREATE FUNCTION maintenance_order_done_is_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR OLD.status = 'DONE' THEN
        RAISE EXCEPTION 'maintenance order % is evidence: a done order cannot change', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER maintenance_order_final BEFORE UPDATE OR DELETE ON maintenance_order
    FOR EACH ROW EXECUTE FUNCTION maintenance_order_done_is_final();
CREATE TRIGGER maintenance_order_no_truncate BEFORE TRUNCATE ON maintenance_order
    FOR EACH STATEMENT EXECUTE FUNCTION evidence_is_append_only();

-- the MAINTENANCE role (technicians: plans, maintenance orders, andon calls)
ALTER TABLE app_user DROP CONSTRAINT app_user_roles_check;
ALTER TABLE app_user ADD CONSTRAINT app_user_roles_check CHECK (roles ~
    '^(OPERATOR|SUPERVISOR|QUALITY|MAINTENANCE|AUDITOR|ADMIN|INTEGRATION)(,(OPERATOR|SUPERVISOR|QUALITY|MAINTENANCE|AUDITOR|ADMIN|INTEGRATION))*$');
