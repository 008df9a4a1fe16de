-- Users of the pages and the API. Passwords are bcrypt hashes (modular crypt format);
-- roles are a comma-separated list of OPERATOR, SUPERVISOR, QUALITY, AUDITOR, ADMIN, INTEGRATION.
CREATE TABLE app_user (
    id             bigserial PRIMARY KEY,
    username       text NOT NULL UNIQUE CHECK (username ~ '^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$'),
    password_hash  text NOT NULL,
    roles          text NOT NULL CHECK (roles ~ '^(OPERATOR|SUPERVISOR|QUALITY|AUDITOR|ADMIN|INTEGRATION)(,(OPERATOR|SUPERVISOR|QUALITY|AUDITOR|ADMIN|INTEGRATION))*$'),
    display_name   text,
    created_at     timestamptz NOT NULL DEFAULT now()
);
