menu-fees = 💳 Алымдар
cmd-fees = Рұқсат алымдары: не белгілі
fee-title = 💳 <b>{ $year } жылғы рұқсат алымдары</b>
fee-seasonal-title = Маусымдық жұмыскерлер:
fee-seasonal-line = • { $days } күнге дейін: { $mci } АЕК = <b>{ $amount }</b>
fee-seasonal-line-nomci = • { $days } күнге дейін: { $mci } АЕК (осы жылғы АЕК бот деректерінде жоқ)
fee-seasonal-unknown-year = • { $year } жылғы мөлшерлемелер бот деректерінде жоқ.
fee-mci = { $year } жылғы АЕК: { $mci }.
fee-general-unknown = <b>1–4 санаттар:</b> № 819 қаулы бойынша мөлшерлемелер бот деректерінде жоқ, сондықтан сома көрсетілмейді. Төлем хабарламасындағы мөлшерлемені енгізіңіз — сома мен мерзімді қадағалаймын.
fee-sources = Дереккөз: { $source }
fee-btn-notice = 🧾 Хабарламаны енгізу
fee-ask-date = 🧾 Алым төлеу туралы хабарламаның күні (мысалы, 25.11.2026)?
fee-date-bad = Өткен немесе бүгінгі күн керек, мысалы 25.11.2026.
fee-ask-rate = Хабарламадағы АЕК мөлшерлемесі (бүтін сан)?
fee-rate-bad = 1-ден { $max }-ге дейінгі бүтін АЕК саны.
fee-need-text = Мұнда мәтін керек: жауапты жазыңыз.
fee-saved-due = ✅ Хабарлама қадағаланады. <b>{ CASE($date, "dat") }</b> дейін төлеңіз (хабарламадан 10 жұмыс күні).
fee-saved-amount = { $mci } АЕК × { $rate } = <b>{ $amount }</b>
fee-saved-nomci = { $mci } АЕК ({ $year } жылғы АЕК бот деректерінде жоқ: соманы хабарламамен салыстырыңыз)
fee-saved-reminders = Алдыңғы күні және соңғы күні еске саламын.
# the seasonal block's heading, without the fact id fee-seasonal-title showed
fee-seasonal-heading = Маусымдық жұмыскерлер:
