rem-offline = ⏰ <i>I was offline when this was due; sending it now.</i>
rem-vacancy_can_file = 📌 <b>{ $label }</b>: { $rel ->
    [past] the vacancy's 15 days on enbek.kz are over: you may file the permit application on migration.enbek.kz since { $date }, with the publication code.
    [today] the vacancy's 15 days on enbek.kz are over: from today ({ $date }) you may file the permit application on migration.enbek.kz, with the publication code.
   *[other] from { $date } ({ $when }) you may file the permit application on migration.enbek.kz, with the publication code.
}
rem-vacancy_nudge = 📌 <b>{ $label }</b>: you could file since { $date } ({ $when }). If the vacancy is still open, file the application, or close the record.
rem-permit_expires_soon = ⚠️ <b>{ $label }</b>: { $rel ->
    [past] the permit expired: its last valid day was { $date } ({ $when }).
    [today] today ({ $date }) is the permit's last valid day.
   *[other] the permit is valid through { $date } ({ $when }). Check the worker's documents and plans.
}
rem-permit_expired = 🔴 <b>{ $label }</b>: { $rel ->
    [past] the permit has expired: its last valid day was { $date } ({ $when }). The worker may not work without a valid permit.
   *[other] the permit is valid through { $date } ({ $when }).
}
rem-renewal_opens = 🔁 <b>{ $label }</b>: { $rel ->
    [past] the renewal window closed on { $date }: the permit can no longer be renewed. Plan a new permit; the 15-day vacancy comes first.
    [today] the renewal window is open, and today ({ $date }) is the last safe day to file.
   *[other] the renewal window is open: file the renewal by { $date } ({ $when }).
}
rem-renewal_recommended = 🔁 <b>{ $label }</b>: { $rel ->
    [past] the renewal window closed on { $date }: the permit can no longer be renewed. Plan a new permit; the 15-day vacancy comes first.
    [today] file the renewal today ({ $date }): it is the last safe day.
   *[other] a good day to file the renewal, leaving time for the work visa. The last safe day is { $date } ({ $when }).
}
rem-renewal_last_day = 🔴 <b>{ $label }</b>: { $rel ->
    [past] the last safe day to file the renewal was { $date } ({ $when }): the permit can no longer be renewed. Plan a new permit; the 15-day vacancy comes first.
    [today] today ({ $date }) is the last safe day to file the renewal. After it the permit cannot be renewed.
   *[other] the last safe day to file the renewal is { $date } ({ $when }). After it the permit cannot be renewed.
}
rem-renewal_closed = 🔴 <b>{ $label }</b>: { $rel ->
    [past] the permit expired on { $date } ({ $when }), and its renewal window had closed. A new permit is needed; the 15-day vacancy comes first.
   *[other] the renewal window has closed, so this permit can no longer be renewed. It is valid through { $date } ({ $when }). If the worker stays, start a new permit now: the 15-day vacancy comes first.
}
rem-plan_replacement = 🗓 <b>{ $label }</b>: this permit cannot be renewed; it is valid through { $date } ({ $when }). Plan now what comes after it: a new permit needs the 15-day vacancy first.
rem-cat4_replace_from = 🔄 <b>{ $label }</b>: six months since the category 4 permit was issued. You must complete the replacement of the foreign workers by Kazakh citizens in identical or comparable positions within 6–12 months: if your commitment to the local executive body says six months, it is due now. Enter the data on migration.enbek.kz.
rem-cat4_replace_by = 🔄 <b>{ $label }</b>: { $rel ->
    [past] the 12-month term of the category 4 replacement duty ended on { $date } ({ $when }). The replacement by Kazakh citizens must be complete and entered on migration.enbek.kz.
   *[other] the 12-month term of the category 4 replacement duty ends on { $date } ({ $when }). The replacement by Kazakh citizens must be complete and entered on migration.enbek.kz.
}
rem-cat4_permit_ends = 🗓 <b>{ $label }</b>: this category 4 permit cannot be renewed, and a new permit is not simply the next step: by its end the foreign workers must have been replaced by Kazakh citizens (your duty). Whether a new permit for the same position is possible is not confirmed: ask the local executive body. It is valid through { $date } ({ $when }).
rem-contract = 📝 <b>{ $label }</b>: { $rel ->
    [past] registering the employment contract in ESUTD was due on { $date }: overdue by { $days ->
        [one] { $days } day
       *[other] { $days } days
    }. Register it now, then press Done.
    [today] today ({ $date }) is the last day to register the employment contract in ESUTD.
    [tomorrow] tomorrow ({ $date }) is the last day to register the employment contract in ESUTD.
   *[other] register the employment contract in ESUTD by { $date } ({ $when }).
}
rem-arrival = 🛬 <b>{ $label }</b>: { $rel ->
    [past] notifying the migration police of the worker's arrival was due on { $date }: overdue by { $days ->
        [one] { $days } day
       *[other] { $days } days
    }. Notify them now, then press Done.
    [today] today ({ $date }) is the last day to notify the migration police of the worker's arrival.
    [tomorrow] tomorrow ({ $date }) is the last day to notify the migration police of the worker's arrival.
   *[other] notify the migration police of the worker's arrival by { $date } ({ $when }).
}
rem-ended = 📝 <b>{ $label }</b>: { $rel ->
    [past] registering the end of the contract in ESUTD was due on { $date }: overdue by { $days ->
        [one] { $days } day
       *[other] { $days } days
    }. Register it now, then press Done.
    [today] today ({ $date }) is the last day to register the end of the contract in ESUTD.
    [tomorrow] tomorrow ({ $date }) is the last day to register the end of the contract in ESUTD.
   *[other] register the end of the contract in ESUTD by { $date } ({ $when }).
}
rem-fee = 💳 <b>{ $label }</b>: { $rel ->
    [past] the permit fee was due on { $date }: overdue by { $days ->
        [one] { $days } day
       *[other] { $days } days
    }. Unpaid, the permit ends: check its status with the local executive body.
    [today] today ({ $date }) is the last day to pay the permit fee; unpaid, the permit ends.
    [tomorrow] tomorrow ({ $date }) is the last day to pay the permit fee; unpaid, the permit ends.
   *[other] pay the permit fee by { $date } ({ $when }); unpaid, the permit ends.
}
rem-ban_over = ✅ <b>{ $label }</b>: { $rel ->
    [past] the 12-month ban has ended: new permits may be issued since { $date }.
    [today] the 12-month ban has ended: new permits may be issued from today ({ $date }).
   *[other] the 12-month ban ends: new permits may be issued from { $date } ({ $when }).
}
when-today = today
when-tomorrow = tomorrow
when-yesterday = yesterday
when-in = in { $days ->
    [one] { $days } day
   *[other] { $days } days
}
when-ago = { $days ->
    [one] { $days } day ago
   *[other] { $days } days ago
}
when-overdue = overdue by { $days ->
    [one] { $days } day
   *[other] { $days } days
}
date-passed = {" "}(passed)
rem-title-renewal_closed = renewal window closed
rem-title-vacancy_can_file = you may file after the vacancy
rem-title-vacancy_nudge = vacancy still open?
rem-title-permit_expires_soon = permit expires in a week
rem-title-permit_expired = permit expired
rem-title-renewal_opens = renewal window opens
rem-title-renewal_recommended = recommended renewal day
rem-title-renewal_last_day = last day to file the renewal
rem-title-plan_replacement = plan the replacement
rem-title-cat4_replace_from = category 4 replacement: 6-month term
rem-title-cat4_replace_by = category 4 replacement: 12-month term
rem-title-cat4_permit_ends = category 4 permit ends: replacement duty
rem-title-contract_due_soon = ESUTD registration tomorrow
rem-title-contract_due = ESUTD registration due
rem-title-arrival_due_soon = arrival notification tomorrow
rem-title-arrival_due = arrival notification due
rem-title-ended_due_soon = ESUTD termination tomorrow
rem-title-ended_due = ESUTD termination due
rem-title-fee_due_soon = fee payment tomorrow
rem-title-fee_due = fee payment due
rem-title-ban_over = ban ends
rem-summary = ⏰ While I was offline, { $count ->
    [one] { $count } reminder
   *[other] { $count } reminders
} older than 30 days came due:
rem-summary-footer = Open /status for what is still ahead.
rem-btn-done = ✓ Done
rem-btn-open = Open
rem-btn-snooze-day = ⏰ 1 day
rem-btn-snooze-week = ⏰ 1 week
rem-done = ✓ Marked as done.
rem-snoozed = ⏰ I will remind you on { $date }.
rem-not-found = This reminder no longer exists.
rem-done-mark = ✓ Done at { $time }.

# Escalation to a company workspace's admins (issue 14)
esc-admins = ⚠️ <b>{ $company }</b>: { $title } — { $date }.
    Nobody has marked it done or snoozed it { $days } days before the deadline.
    Record: { $label }. Responsible: { $who }.
    Open /status in this workspace to act on it.
