cmd-eligibility = check eligibility and the steps to a permit
menu-eligibility = ✅ Eligibility
elig-intro = <b>Eligibility check</b>: a few questions about the worker and your company. Use ‹ Back to change an answer, ✕ Cancel or /cancel to stop.
elig-back = Back
elig-cancel = Cancel
elig-opt-yes = Yes
elig-opt-no = No
elig-q-eaeu = Is the worker a citizen of Russia, Belarus, Armenia or Kyrgyzstan (EAEU states)?
elig-q-route = Which route fits the position?
elig-q-employer = What kind of employer are you? (“Branch” covers a representative office of a foreign company too.)
elig-opt-employer-branch = Branch of a foreign company
elig-opt-employer-small = Small business
elig-opt-employer-other = Other (medium or large)
elig-q-headcount = How many employees do you have in total? Type a number.
elig-q-local = How many Kazakh citizens work in categories { $group }? Type a number.
elig-q-foreign = How many foreign workers in categories { $group } do you employ now? Type a number.
elig-q-vacancy = Have you posted the vacancy on enbek.kz (the electronic labour exchange)?
elig-opt-vacancy-yes = Yes, it is posted
elig-opt-vacancy-no = Not yet
elig-q-vacancy-date = On what date was the vacancy posted? Type it (e.g. 01.09.2025) or pick a day.
elig-number-hint = A whole number from { $min } to { $max }.
elig-number-number = That is not a number. Please type digits only, e.g. 25.
elig-number-too_small = The number must be at least { $min }.
elig-number-too_large = That number is too large: at most { $max }.
elig-use-buttons = Please answer with the buttons under the question.
elig-eaeu-stop = <b>No work permit is needed.</b>
elig-result-title = <b>Your result</b>
elig-result-route = Route: <b>{ $name }</b> — { $explain }.
elig-validity-title = <b>Validity and renewal</b>
elig-ratio-title = <b>Local-content ratio</b>
elig-ratio-none = This route has no 70 %/90 % ratio check.
elig-ratio-more = With these numbers the ratio allows { $count ->
    [one] { $count } more foreign worker
   *[other] { $count } more foreign workers
    } in categories { $group }.
elig-ratio-fail = The ratio in categories { $group } is not met: a permit can be refused on this ground. Hire more Kazakh citizens first.
elig-steps-title = <b>Steps, in order</b>
elig-step-post = Post the vacancy on enbek.kz in the region of the job; keep its publication code.
elig-step-wait = Wait { $days } calendar days after posting.
elig-step-file = File the application on migration.enbek.kz (or elicense.kz / egov.kz) with the publication code.
elig-step-fee = Pay the fee within { $fee_days } working days of the local executive body's notice.
elig-step-esutd = Register the employment contract in ESUTD within { $esutd_days } working days of signing.
elig-step-esutd-ict = Register the intra-corporate transfer agreement in ESUTD.
elig-step-arrival = Notify the migration police of the worker's arrival within { $arrival_days } working days.
elig-step-iin = Make sure the worker gets an IIN (in person).
elig-step-report = Report on foreign staff on migration.enbek.kz.
elig-step-cat4 = Complete the replacement of the foreign workers by Kazakh citizens in identical or comparable positions within { $low }–{ $high } months of the permit (a category 4 duty).
elig-dates-title = <b>Dates</b>
elig-filing = You may file from <b>{ $date }</b>.
elig-filing-unknown = Post the vacancy first: you may file after { $days } calendar days. /deadlines computes the date once it is posted.
elig-fee-title = <b>Fee</b>
elig-fee-seasonal = Up to { $days } days: { $mci } MCI = { $amount } KZT (MCI { $year }: { $rate } KZT).
elig-fee-seasonal-nomci = Up to { $days } days: { $mci } MCI (the MCI for { $year } is not known to the bot yet).
elig-fee-general = The rates for this category are set by government decree by sector; the bot does not have them yet. Check the amount in the notice on migration.enbek.kz.
elig-btn-steps = 📋 Steps, in order
elig-btn-why = 🔍 How counted
# a group's staff counts add up to more than the total headcount answered
elig-number-over-headcount = That makes { $staff ->
    [one] { $staff } worker
   *[other] { $staff } workers
    } in this group, more than your { $total } employees in total. Please check the number (‹ Back corrects the total).
