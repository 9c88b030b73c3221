"""Reminders: when to send (timing), the outbox tables (repo) and the delivery engine."""
