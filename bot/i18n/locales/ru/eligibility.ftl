cmd-eligibility = проверить право и шаги к разрешению
menu-eligibility = ✅ Проверка
elig-intro = <b>Проверка</b>: несколько вопросов о работнике и вашей компании. «‹ Назад» — изменить ответ, «✕ Отмена» или /cancel — выйти.
elig-back = Назад
elig-cancel = Отмена
elig-opt-yes = Да
elig-opt-no = Нет
elig-q-eaeu = Работник — гражданин России, Беларуси, Армении или Кыргызстана (государств ЕАЭС)?
elig-q-route = Какой вид разрешения подходит для должности?
elig-q-employer = Какой вы работодатель? («Филиал» — это и представительство иностранной компании.)
elig-opt-employer-branch = Филиал иностранной компании
elig-opt-employer-small = Малый бизнес
elig-opt-employer-other = Другой (средний или крупный)
elig-q-headcount = Сколько всего у вас работников? Введите число.
elig-q-local = Сколько граждан Казахстана работает в категориях { $group }? Введите число.
elig-q-foreign = Сколько иностранных работников категорий { $group } у вас сейчас? Введите число.
elig-q-vacancy = Вакансия размещена на enbek.kz (электронной бирже труда)?
elig-opt-vacancy-yes = Да, размещена
elig-opt-vacancy-no = Ещё нет
elig-q-vacancy-date = Когда размещена вакансия? Напишите дату (например, 01.09.2025) или выберите день.
elig-number-hint = Целое число от { $min } до { $max }.
elig-number-number = Это не число. Введите только цифры, например 25.
elig-number-too_small = Число должно быть не меньше { $min }.
elig-number-too_large = Слишком большое число: не больше { $max }.
elig-use-buttons = Ответьте, пожалуйста, кнопками под вопросом.
elig-eaeu-stop = <b>Разрешение не нужно.</b>
elig-result-title = <b>Результат</b>
elig-result-route = Вид разрешения: <b>{ $name }</b> — { $explain }.
elig-validity-title = <b>Срок и продление</b>
elig-ratio-title = <b>Соотношение местных кадров</b>
elig-ratio-none = К этому виду разрешения соотношение 70 %/90 % не применяется.
elig-ratio-more = При этих цифрах соотношение позволяет привлечь { $count ->
    [one] ещё { $count } иностранного работника
    [few] ещё { $count } иностранных работника
   *[other] ещё { $count } иностранных работников
    } категорий { $group }.
elig-ratio-fail = Соотношение в категориях { $group } не соблюдено: это основание для отказа. Сначала наймите больше граждан Казахстана.
elig-steps-title = <b>Шаги по порядку</b>
elig-step-post = Разместите вакансию на enbek.kz в регионе работы; сохраните код публикации.
elig-step-wait = Подождите { $days ->
    [one] { $days } календарный день
    [few] { $days } календарных дня
   *[other] { $days } календарных дней
    } после размещения.
elig-step-file = Подайте заявление на migration.enbek.kz (или elicense.kz / egov.kz) с кодом публикации.
elig-step-fee = Оплатите сбор в течение { $fee_days ->
    [one] { $fee_days } рабочего дня
   *[other] { $fee_days } рабочих дней
    } после уведомления МИО.
elig-step-esutd = Зарегистрируйте трудовой договор в ЕСУТД в течение { $esutd_days ->
    [one] { $esutd_days } рабочего дня
   *[other] { $esutd_days } рабочих дней
    } после подписания.
elig-step-esutd-ict = Зарегистрируйте соглашение о внутрикорпоративном переводе в ЕСУТД.
elig-step-arrival = Уведомите миграционную полицию о прибытии работника в течение { $arrival_days ->
    [one] { $arrival_days } рабочего дня
   *[other] { $arrival_days } рабочих дней
    }.
elig-step-iin = Обеспечьте получение работником ИИН (лично).
elig-step-report = Отчитывайтесь об иностранных работниках на migration.enbek.kz.
elig-step-cat4 = Завершите замену иностранных работников гражданами Казахстана на идентичных или сопоставимых должностях в течение { $low }–{ $high } месяцев с выдачи разрешения (обязанность по 4-й категории).
elig-dates-title = <b>Даты</b>
elig-filing = Подать можно с <b>{ $date }</b>.
elig-filing-unknown = Сначала разместите вакансию: подать можно { $days ->
    [one] через { $days } календарный день
    [few] через { $days } календарных дня
   *[other] через { $days } календарных дней
    }. /deadlines посчитает дату после размещения.
elig-fee-title = <b>Сбор</b>
elig-fee-seasonal = До { $days ->
    [one] { $days } дня
   *[other] { $days } дней
    }: { $mci } МРП = { $amount } тенге (МРП { $year } года: { $rate } тенге).
elig-fee-seasonal-nomci = До { $days ->
    [one] { $days } дня
   *[other] { $days } дней
    }: { $mci } МРП (МРП на { $year } год боту пока неизвестен).
elig-fee-general = Ставки для этой категории установлены постановлением Правительства по отраслям; у бота их пока нет. Сумму смотрите в уведомлении на migration.enbek.kz.
elig-btn-steps = 📋 Шаги по порядку
elig-btn-why = 🔍 Как посчитано
# a group's staff counts add up to more than the total headcount answered
elig-number-over-headcount = Тогда в этой группе { $staff ->
    [one] { $staff } работник
    [few] { $staff } работника
   *[other] { $staff } работников
    } — больше, чем всего сотрудников у вас ({ $total }). Проверьте число (‹ Назад — исправить общую численность).
