-- Escalation and the company's group chat (issue 14): an obligation not done or snoozed by a
-- workspace's lead tells its admins; on the day and when overdue, its linked group too.
ALTER TABLE workspaces ADD COLUMN escalate_days INTEGER NOT NULL DEFAULT 3;  -- 0: off
ALTER TABLE reminders ADD COLUMN snoozed INTEGER NOT NULL DEFAULT 0;        -- 1: someone snoozed it
ALTER TABLE reminders ADD COLUMN closed_by INTEGER;  -- who pressed Done or Snooze in the group

-- A workspace's group chat: one group per workspace, one workspace per group.
CREATE TABLE group_links (
    chat_id      INTEGER PRIMARY KEY,   -- the group's Telegram id (negative)
    workspace_id INTEGER NOT NULL UNIQUE REFERENCES workspaces(id) ON DELETE CASCADE,
    linked_by    INTEGER REFERENCES users(id) ON DELETE SET NULL,
    linked_at    TEXT    NOT NULL,
    lang         TEXT    NOT NULL DEFAULT 'ru',  -- the language of who linked it
    digest_week  TEXT    NOT NULL DEFAULT ''     -- ISO week of the last weekly digest, 2026-W49
);

-- One row per obligation (record, deadline kind, date), stage and person or group told: the unique key
-- makes a second planning a no-op, so nothing is sent twice, restarts included.
CREATE TABLE escalations (
    id          INTEGER PRIMARY KEY,
    record_id   INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL,   -- the deadline reminder's kind, e.g. arrival_due
    due_date    TEXT    NOT NULL,   -- the deadline (ISO, the responsible member's calendar)
    stage       TEXT    NOT NULL,   -- admins, group_day, group_overdue
    target      INTEGER NOT NULL,   -- the admin's user id, or the group's chat id (negative)
    send_at     INTEGER NOT NULL,   -- UTC unix seconds
    status      TEXT    NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'sending', 'sent', 'dropped')),
    sent_at     INTEGER,
    UNIQUE (record_id, kind, due_date, stage, target)
);
CREATE INDEX escalations_due ON escalations (status, send_at);
