cmd-track = keep track of a vacancy, permit or obligation
cmd-status = what is coming up, most urgent first
cmd-privacy = what I store and why
cmd-deletemydata = delete everything I store about you
menu-track = 🔔 Track
menu-status = 📋 Status
track-kind-vacancy = vacancy
track-kind-permit = permit
track-kind-contract = employment contract
track-kind-arrival = worker's arrival
track-kind-ended = end of employment
track-kind-fee = fee notice
track-kind-violation = violation
track-event-date = Date: { $date }
track-route = Route: { $route }
track-no-reminders = No reminders ahead.
track-btn-done = ✓ Close
track-btn-delete = 🗑 Delete
track-btn-status = 📋 Status
track-btn-skip = Skip
track-btn-cancel = ✕ Cancel
track-btn-save = ✓ Save
track-btn-delete-yes = 🗑 Yes, delete
track-btn-keep = Keep
track-ask-label = Give it a short name so you recognise it: the position or the worker's first name or alias (no passport or IIN numbers are needed). Or press Skip.
track-confirm = <b>{ $name }</b>: I will remind you on these dates (at your reminder hour):
track-label-invalid = Please send a short name (1–{ $limit } characters), or press Skip.
track-saved = ✓ Saved. Reminders planned: { $count }. See them any time in /status.
track-how = To track something, compute its dates first: open the deadline calculator and press "Track this" under the answer.
track-not-found = This record was not found (it may have been deleted).
track-delete-confirm = Delete { $name } and its reminders?
track-deleted = Deleted, with its reminders.
track-closed = ✓ { $name } closed; its reminders stop.
status-empty = Nothing is being tracked yet. Compute a deadline and press "Track this" to get reminders.
status-title = <b>Coming up</b> (🔴 overdue or under 7 days · 🟠 under 30 · 🟢 later)
status-overdue = {" "}(overdue)
status-more = …and { $count } more.
privacy-text =
    <b>Privacy</b>
    I store: your Telegram id and chat, language, time zone and reminder hours; the records you add (kind, dates, route, and a short name you choose — no passport or IIN numbers are needed) and their reminders; the state of an unfinished conversation.
    Why: to answer in your language, to compute deadlines and to send reminders.
    I do not log the texts you send. /export and /calendar are coming; /deletemydata deletes everything about you at once.
privacy-btn-erase = 🗑 Delete all my data
privacy-erase-confirm = This deletes your records, reminders, settings and conversation state. It cannot be undone. Continue?
privacy-erased = Done: everything I stored about you is deleted. If you write again, I start afresh.
