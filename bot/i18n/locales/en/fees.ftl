menu-fees = 💳 Fees
cmd-fees = permit fees: what is known
fee-title = 💳 <b>Permit fees in { $year }</b>
fee-seasonal-line = • up to { $days } days: { $mci } MCI = <b>{ $amount }</b>
fee-seasonal-line-nomci = • up to { $days } days: { $mci } MCI (this year's MCI is not in the bot's data)
fee-seasonal-unknown-year = • the rates for { $year } are not in the bot's data.
fee-mci = MCI { $year }: { $mci }.
fee-general-unknown = <b>Categories 1–4:</b> the rates under Decree No. 819 are not in the bot's data, so no amount is shown. Enter the rate from your fee notice and I will track the amount and the due date.
fee-sources = Source: { $source }
fee-btn-notice = 🧾 Enter my fee notice
fee-ask-date = 🧾 The date of the fee notice (e.g. 25.11.2026)?
fee-date-bad = A past or today's date, please, like 25.11.2026.
fee-ask-rate = The rate in MCI printed on the notice (a whole number)?
fee-rate-bad = A whole number of MCI from 1 to { $max }, please.
fee-need-text = I need text here: type the answer.
fee-saved-due = ✅ Fee notice tracked. Pay by <b>{ $date }</b> (10 working days from the notice).
fee-saved-amount = { $mci } MCI × { $rate } = <b>{ $amount }</b>
fee-saved-nomci = { $mci } MCI (the { $year } MCI is not in the bot's data: check the amount on the notice)
fee-saved-reminders = I will remind you the day before and on the day.
# the seasonal block's heading (no fact id in it)
fee-seasonal-heading = Seasonal workers:
