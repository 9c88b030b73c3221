-- Replies Telegram could not take within the retry budget (an outage, a long flood wait):
-- kept here and sent later in order per chat, then deleted.
CREATE TABLE reply_outbox (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id     INTEGER NOT NULL,
    method      TEXT    NOT NULL,   -- sendMessage, editMessageText, editMessageReplyMarkup
    payload     TEXT    NOT NULL,   -- the request as JSON (bot defaults left out)
    attempts    INTEGER NOT NULL DEFAULT 0,
    next_at     INTEGER NOT NULL,   -- unix seconds: not tried again before
    created_at  INTEGER NOT NULL
);
CREATE INDEX reply_outbox_chat ON reply_outbox (chat_id, id);
