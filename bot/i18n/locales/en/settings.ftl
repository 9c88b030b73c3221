cmd-settings = reminder hour, quiet hours, time zone, what to remind about
menu-settings = ⚙️ Settings
settings-overview =
    <b>Reminder settings</b>
    Reminder time: { $hour } (time zone { $zone }). Quiet hours: { $quiet }.
    Renewal: recommended filing { $recommended } days before the end (kept inside the safe 59–30-day window). Expiry warning: { $expiry } days before.
    Tap a kind below to turn its reminders on 🔔 or off 🔕.
settings-quiet-off = none
settings-btn-hour = 🕘 Hour
settings-btn-quiet = 🌙 Quiet hours
settings-btn-zone = 🌍 Time zone
settings-btn-recommended = Renewal lead: { $days } days
settings-btn-expiry = Expiry warning: { $days } days
settings-btn-back = ‹ Back
settings-choose-hour = At what hour should reminders come?
settings-choose-quiet = When should I stay silent?
settings-choose-zone = Your time zone (Kazakhstan is on UTC+5 since 1 March 2024):
settings-saved = Saved; your reminders are re-planned.
settings-group-renewal = Renewal
settings-group-permit = Expiry
settings-group-vacancy = Vacancy
settings-group-obligations = Obligations
settings-group-cat4 = Category 4 replacement
settings-group-ban = Ban end
settings-btn-escalate = 👥 Tell admins: { $days } d. ahead
settings-btn-escalate-off = 👥 Tell admins: off
settings-saved-escalation = Saved for the whole workspace.
