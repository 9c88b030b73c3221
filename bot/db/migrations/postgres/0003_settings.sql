-- PostgreSQL port of ../0003_settings.sql (same number and name; INTEGER → BIGINT, ids as identities).
-- Reminder preferences: kinds turned off (comma-separated groups) and lead times in days.
ALTER TABLE users ADD COLUMN muted TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN lead_recommended BIGINT NOT NULL DEFAULT 45;
ALTER TABLE users ADD COLUMN lead_expiry BIGINT NOT NULL DEFAULT 7;
