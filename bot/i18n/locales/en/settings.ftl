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
settings-type-hour = Or type the hour: 10, 10:00, "8 pm".
settings-type-quiet = Or type the hours: 22-8, "from 23 to 7" or "off".
settings-type-zone = Or type the zone: Asia/Almaty, a city (Almaty, Tashkent) or an offset (UTC+5, +5).
settings-typed-bad-hour = I could not read that hour. Type a whole hour from 0 to 23 (e.g. 10 or 10:00), or press a button.
settings-typed-bad-quiet = I could not read those quiet hours. Type the start and the end as whole hours (e.g. 22-8), "off", or press a button.
settings-typed-bad-zone = I do not know that time zone. Type a name like Asia/Almaty, a city or an offset like UTC+5, or press a button.
settings-typed-in-quiet = { $hour } falls within your quiet hours ({ $quiet }): reminders would wait for them to end, from the evening until the next morning. Choose an hour outside them, or change the quiet hours first.
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
