-- Tracked records and their reminders (an outbox: the scheduler only wakes the code that reads it).
ALTER TABLE users ADD COLUMN reminder_hour INTEGER NOT NULL DEFAULT 9;   -- local hour, 0..23
ALTER TABLE users ADD COLUMN quiet_start INTEGER NOT NULL DEFAULT 21;    -- no reminders from..
ALTER TABLE users ADD COLUMN quiet_end INTEGER NOT NULL DEFAULT 9;       -- ..until (local hours)

CREATE TABLE records (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL,   -- vacancy, permit, contract, arrival, ended, fee, violation
    label       TEXT    NOT NULL DEFAULT '',  -- position or worker alias, as the user typed it
    event_date  TEXT    NOT NULL,   -- ISO date in the user's calendar
    route       TEXT    NOT NULL DEFAULT '',
    term        TEXT    NOT NULL DEFAULT '',
    status      TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
    created_at  TEXT    NOT NULL
);
CREATE INDEX records_by_user ON records (user_id, id);

CREATE TABLE reminders (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    record_id   INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL,   -- what it says, e.g. renewal_opens
    due_date    TEXT    NOT NULL,   -- ISO date in the user's calendar
    send_at     INTEGER NOT NULL,   -- UTC unix seconds
    status      TEXT    NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'sending', 'sent', 'done', 'paused')),
    fact_id     TEXT    NOT NULL,
    repeat      INTEGER NOT NULL DEFAULT 0,   -- 1: repeated weekly until done
    attempts    INTEGER NOT NULL DEFAULT 0,
    sent_at     INTEGER,
    UNIQUE (record_id, kind, due_date)
);
CREATE INDEX reminders_due ON reminders (status, send_at);
CREATE INDEX reminders_by_user ON reminders (user_id, status);
