-- Workers as records (issue 14): a worker of a workspace owns their records over time. No
-- passport or IIN numbers are kept (a number typed into a name is masked before it is stored);
-- a C3 visa's and a passport's last day are dates on the worker.
CREATE TABLE workers (
    id             INTEGER PRIMARY KEY,
    workspace_id   INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    name           TEXT    NOT NULL,             -- name or alias, as the user typed it (masked)
    citizenship    TEXT    NOT NULL DEFAULT '',
    position       TEXT    NOT NULL DEFAULT '',
    category       TEXT    NOT NULL DEFAULT '',  -- a route id (cat1 … ict), or ''
    visa_until     TEXT,                         -- the C3 work visa's last day (ISO), or NULL
    passport_until TEXT,                         -- the passport's expiry (ISO), or NULL
    created_at     TEXT    NOT NULL,
    UNIQUE (workspace_id, name)
);

ALTER TABLE records ADD COLUMN worker_id INTEGER REFERENCES workers(id) ON DELETE SET NULL;
CREATE INDEX records_by_worker ON records (worker_id);
CREATE INDEX records_by_ref ON records (workspace_id, kind, lower(ref));  -- re-import
