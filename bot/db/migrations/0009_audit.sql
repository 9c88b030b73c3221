-- The audit trail of a record (issue 14): who created, edited, marked done, snoozed or reassigned
-- it, and when. Written in the same transaction as the change. A row names people by user id
-- only (no names, nothing typed): the history shows the member's name from `members`, and
-- "a former member" once they left the workspace or erased their data (`actor` becomes NULL).
CREATE TABLE record_events (
    id         INTEGER PRIMARY KEY,
    record_id  INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    actor      INTEGER REFERENCES users(id) ON DELETE SET NULL,  -- NULL: erased (/deletemydata)
    action     TEXT    NOT NULL
               CHECK (action IN ('created', 'edited', 'done', 'snoozed', 'reassigned')),
    detail     TEXT    NOT NULL DEFAULT '',  -- edited: the field; snoozed: the new ISO date
    target     INTEGER REFERENCES users(id) ON DELETE SET NULL,  -- reassigned: the new member
    at         TEXT    NOT NULL              -- UTC ISO instant
);
CREATE INDEX record_events_by_record ON record_events (record_id, id);
