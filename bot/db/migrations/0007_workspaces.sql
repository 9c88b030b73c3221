-- Workspaces (issue 14): every user has a personal one; a company workspace has members with
-- roles. Today's records and company profiles move into their owner's personal workspace.
CREATE TABLE workspaces (
    id          INTEGER PRIMARY KEY,
    kind        TEXT    NOT NULL CHECK (kind IN ('personal', 'company')),
    name        TEXT    NOT NULL DEFAULT '',
    bin         TEXT    NOT NULL DEFAULT '',   -- 12 digits with a valid control digit, or ''
    personal_of INTEGER UNIQUE REFERENCES users(id) ON DELETE CASCADE,  -- personal: its user
    created_at  TEXT    NOT NULL
);

CREATE TABLE members (
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role         TEXT    NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'viewer')),
    name         TEXT    NOT NULL DEFAULT '',  -- the Telegram name they joined with, for the list
    joined_at    TEXT    NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
);
CREATE INDEX members_by_user ON members (user_id, workspace_id);

-- Invitations by deep link: a random token, single use, until expires_at (UTC ISO).
CREATE TABLE invites (
    token        TEXT    PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    role         TEXT    NOT NULL CHECK (role IN ('admin', 'member', 'viewer')),
    created_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
    expires_at   TEXT    NOT NULL,
    used_by      INTEGER REFERENCES users(id) ON DELETE SET NULL,
    used_at      TEXT
);

ALTER TABLE users ADD COLUMN workspace_id INTEGER REFERENCES workspaces(id) ON DELETE SET NULL;
ALTER TABLE records ADD COLUMN workspace_id INTEGER REFERENCES workspaces(id) ON DELETE CASCADE;
CREATE INDEX records_by_workspace ON records (workspace_id, id);

CREATE TABLE workspace_profiles (
    workspace_id    INTEGER PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
    headcount       INTEGER NOT NULL,
    small_business  INTEGER NOT NULL,
    branch          INTEGER NOT NULL,
    locals_12       INTEGER NOT NULL,
    foreign_12      INTEGER NOT NULL,
    locals_34       INTEGER NOT NULL,
    foreign_34      INTEGER NOT NULL,
    updated_at      TEXT    NOT NULL
);

INSERT INTO workspaces (kind, personal_of, created_at)
    SELECT 'personal', id, created_at FROM users;
INSERT INTO members (workspace_id, user_id, role, joined_at)
    SELECT id, personal_of, 'owner', created_at FROM workspaces;
UPDATE users SET workspace_id = (SELECT id FROM workspaces WHERE personal_of = users.id);
UPDATE records SET workspace_id = (SELECT id FROM workspaces WHERE personal_of = records.user_id);
INSERT INTO workspace_profiles
    SELECT w.id, p.headcount, p.small_business, p.branch, p.locals_12, p.foreign_12, p.locals_34,
           p.foreign_34, p.updated_at
    FROM company_profiles AS p JOIN workspaces AS w ON w.personal_of = p.user_id;
DROP TABLE company_profiles;
