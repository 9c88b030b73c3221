-- Rule versions of each record's plan, the "your dates moved" messages, checklist ticks.
CREATE TABLE plan_versions (
    record_id   INTEGER PRIMARY KEY REFERENCES records(id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    versions    TEXT    NOT NULL,   -- JSON {fact id: content hash} the plan was computed from
    dates       TEXT    NOT NULL,   -- JSON {reminder kind: ISO date it is about}
    updated_at  TEXT    NOT NULL
);

CREATE TABLE impact_alerts (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    changes     TEXT    NOT NULL,   -- JSON: the moved dates and the facts that moved them
    status      TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'dropped')),
    created_at  TEXT    NOT NULL
);
CREATE INDEX impact_alerts_pending ON impact_alerts (status, id);

CREATE TABLE checklist_ticks (
    record_id   INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    item        TEXT    NOT NULL,   -- a checklist item id (knowledge/data/checklists.toml)
    PRIMARY KEY (record_id, item)
);

CREATE TABLE fee_rates (
    record_id   INTEGER PRIMARY KEY REFERENCES records(id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    mci_count   INTEGER NOT NULL    -- the rate in MCI as printed on the user's fee notice
);

-- The rules the bot last started on: unchanged, the start compares nothing (one row).
CREATE TABLE rules_state (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    fingerprint TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);
