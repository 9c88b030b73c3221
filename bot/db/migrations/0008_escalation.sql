-- Escalation (issue 14): an obligation not done or snoozed by a workspace's lead tells its admins.
ALTER TABLE workspaces ADD COLUMN escalate_days INTEGER NOT NULL DEFAULT 3;  -- 0: off
ALTER TABLE reminders ADD COLUMN snoozed INTEGER NOT NULL DEFAULT 0;        -- 1: someone snoozed it

-- One row per obligation (record, deadline kind, date), stage and person told: the unique key
-- makes a second planning a no-op, so nothing is sent twice, restarts included.
CREATE TABLE escalations (
    id          INTEGER PRIMARY KEY,
    record_id   INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL,   -- the deadline reminder's kind, e.g. arrival_due
    due_date    TEXT    NOT NULL,   -- the deadline (ISO, the responsible member's calendar)
    stage       TEXT    NOT NULL,   -- admins
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    send_at     INTEGER NOT NULL,   -- UTC unix seconds
    status      TEXT    NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'sending', 'sent', 'dropped')),
    sent_at     INTEGER,
    UNIQUE (record_id, kind, due_date, stage, user_id)
);
CREATE INDEX escalations_due ON escalations (status, send_at);
