-- PostgreSQL port of ../0004_record_details.sql (same number and name; INTEGER → BIGINT, ids as identities).
-- Record details beyond the event date, and the company profile the ratio check reuses.
ALTER TABLE records ADD COLUMN region TEXT NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN ref TEXT NOT NULL DEFAULT '';  -- enbek.kz publication code / permit number
ALTER TABLE records ADD COLUMN renewals_used BIGINT NOT NULL DEFAULT 0;
ALTER TABLE records ADD COLUMN end_date TEXT;  -- permit's last day as printed; NULL: computed
ALTER TABLE records ADD COLUMN stage TEXT NOT NULL DEFAULT '';  -- vacancy: '' open, filed, closed

CREATE TABLE company_profiles (
    user_id         BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    headcount       BIGINT NOT NULL,
    small_business  BIGINT NOT NULL,
    branch          BIGINT NOT NULL,   -- branch or representative office of a foreign entity
    locals_12       BIGINT NOT NULL,   -- staff in categories 1-2: citizens of Kazakhstan
    foreign_12      BIGINT NOT NULL,
    locals_34       BIGINT NOT NULL,
    foreign_34      BIGINT NOT NULL,
    updated_at      TEXT    NOT NULL
);
