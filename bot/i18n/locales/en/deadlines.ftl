cmd-deadlines = count the deadlines after an event
menu-deadlines = 📅 Deadlines
dl-back = Back
dl-cancel = Cancel
dl-q-event = <b>Deadline calculator.</b> What happened?
dl-event-vacancy = Vacancy posted on enbek.kz
dl-event-permit = Permit issued
dl-event-contract = Employment contract signed
dl-event-arrival = Worker arrived
dl-event-ended = Employment ended
dl-event-fee = Fee notice received
dl-event-violation = Violation established
dl-q-route = Which route is the permit for?
dl-q-term = For what term was it issued?
dl-term-months = { $count ->
    [one] { $count } month
   *[other] { $count } months
    }
dl-term-days = { $count ->
    [one] { $count } day
   *[other] { $count } days
    }
dl-q-date-vacancy = When was the vacancy posted? Type the date (e.g. 01.09.2025) or pick a day.
dl-q-date-permit = When was the permit issued? Type the date (e.g. 01.09.2025) or pick a day.
dl-q-date-contract = When was the contract signed by both parties? Type the date or pick a day.
dl-q-date-arrival = When did the worker arrive? Type the date or pick a day.
dl-q-date-ended = When did the employment end? Type the date or pick a day.
dl-q-date-fee = When did you receive the fee notice? Type the date or pick a day.
dl-q-date-violation = When was the violation established? Type the date or pick a day.
dl-use-buttons = Please choose one of these, or send /cancel.
dl-result-title = <b>Deadlines</b>
dl-result-vacancy = 📌 You may file from <b>{ $earliest }</b>.
dl-result-permit_end = 📌 The permit is valid through <b>{ $end }</b>.
dl-result-renewal = 📌 File the renewal between <b>{ $opens }</b> and <b>{ $last_day }</b>.
dl-result-no_renewal = 📌 This permit cannot be renewed: act by <b>{ $prepare }</b> (what applies to it is below).
dl-result-cat4_replacement = 📌 Complete the replacement by Kazakh citizens by the date in your commitment: between <b>{ $from }</b> (6 months) and <b>{ $by }</b> (12 months) at the latest.
dl-result-ban = 📌 New permits again from <b>{ $free_from }</b>.
dl-result-esutd_registration = 📌 Register the contract in ESUTD by <b>{ $due }</b>.
dl-result-esutd_termination = 📌 Register the termination in ESUTD by <b>{ $due }</b>.
dl-result-arrival_notification = 📌 Notify the worker's arrival by <b>{ $due }</b>.
dl-result-fee_payment = 📌 Pay the fee by <b>{ $due }</b>.
dl-track = Track this
dl-now-renewal-open = ⏳ The renewal window is open now: file by <b>{ $last_day }</b> ({ $when }).
dl-now-renewal-closed = ⛔ The renewal window closed on { $last_day }: this permit can no longer be renewed. It is valid through <b>{ $end }</b> ({ $when }); if the worker stays, start a new permit now (the 15-day vacancy comes first).
dl-now-prepare = ⏳ Prepare now: the permit is valid through <b>{ $end }</b> ({ $when }).
dl-now-expired = ⛔ The permit expired on <b>{ $end }</b> ({ $when }): a new permit is needed, and the 15-day vacancy comes first.
dl-how = 🔍 How counted
dl-how-title = <b>How it was counted</b>
