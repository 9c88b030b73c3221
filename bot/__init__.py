"""PermitBot application: settings, storage, scheduler and wiring of the aiogram Dispatcher."""
