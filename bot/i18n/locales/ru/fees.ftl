menu-fees = 💳 Сборы
cmd-fees = сборы за разрешение: что известно
fee-title = 💳 <b>Сборы за разрешение в { $year } году</b>
fee-seasonal-line = • до { $days ->
    [one] { $days } дня
   *[other] { $days } дней
    }: { $mci } МРП = <b>{ $amount }</b>
fee-seasonal-line-nomci = • до { $days ->
    [one] { $days } дня
   *[other] { $days } дней
    }: { $mci } МРП (МРП этого года нет в данных бота)
fee-seasonal-unknown-year = • ставок на { $year } год нет в данных бота.
fee-mci = МРП { $year }: { $mci }.
fee-general-unknown = <b>Категории 1–4:</b> ставок по постановлению № 819 нет в данных бота, поэтому сумма не показывается. Введите ставку из уведомления об оплате — я буду следить за суммой и сроком.
fee-sources = Источник: { $source }
fee-btn-notice = 🧾 Ввести уведомление
fee-ask-date = 🧾 Дата уведомления об оплате сбора (например, 25.11.2026)?
fee-date-bad = Нужна прошедшая или сегодняшняя дата, например 25.11.2026.
fee-ask-rate = Ставка в МРП из уведомления (целое число)?
fee-rate-bad = Целое число МРП от 1 до { $max }.
fee-need-text = Здесь нужен текст: напишите ответ.
fee-saved-due = ✅ Уведомление отслеживается. Оплатите до <b>{ $date }</b> (10 рабочих дней с уведомления).
fee-saved-amount = { $mci } МРП × { $rate } = <b>{ $amount }</b>
fee-saved-nomci = { $mci } МРП (МРП { $year } года нет в данных бота: сверьте сумму с уведомлением)
fee-saved-reminders = Напомню накануне и в последний день.
# the seasonal block's heading (no fact id in it)
fee-seasonal-heading = Сезонные работники:
