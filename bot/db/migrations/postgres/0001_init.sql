-- PostgreSQL port of ../0001_init.sql (same number and name; INTEGER → BIGINT, ids as identities).
-- Users and conversation state. Instants are UTC ISO-8601 text.
CREATE TABLE users (
    id          BIGINT PRIMARY KEY,            -- Telegram user id
    chat_id     BIGINT NOT NULL,               -- private chat for reminders
    lang        TEXT    NOT NULL CHECK (lang IN ('ru', 'kk', 'en')),
    timezone    TEXT    NOT NULL DEFAULT 'Asia/Almaty',
    is_active   BIGINT NOT NULL DEFAULT 1,     -- 0 after 403 / chat not found, until the user writes
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);

-- aiogram FSM state, one row per storage key (bot:chat:user:...:destiny).
CREATE TABLE fsm_state (
    key         TEXT PRIMARY KEY,
    state       TEXT,
    data        TEXT NOT NULL DEFAULT '{}',
    updated_at  TEXT NOT NULL
);
