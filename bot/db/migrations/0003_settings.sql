-- Reminder preferences: kinds turned off (comma-separated groups) and lead times in days.
ALTER TABLE users ADD COLUMN muted TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN lead_recommended INTEGER NOT NULL DEFAULT 45;
ALTER TABLE users ADD COLUMN lead_expiry INTEGER NOT NULL DEFAULT 7;
