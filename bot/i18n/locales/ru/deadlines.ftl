cmd-deadlines = посчитать сроки после события
menu-deadlines = 📅 Сроки
dl-back = Назад
dl-cancel = Отмена
dl-q-event = <b>Калькулятор сроков.</b> Что произошло?
dl-event-vacancy = Вакансия размещена на enbek.kz
dl-event-permit = Выдано разрешение
dl-event-contract = Подписан трудовой договор
dl-event-arrival = Работник прибыл
dl-event-ended = Трудовые отношения прекращены
dl-event-fee = Получено уведомление об оплате сбора
dl-event-violation = Установлено нарушение
dl-q-route = Для какого варианта выдано разрешение?
dl-q-term = На какой срок?
dl-term-months = { $count ->
    [one] { $count } месяц
    [few] { $count } месяца
   *[other] { $count } месяцев
}
dl-term-days = { $count } дней
dl-q-date-vacancy = Когда размещена вакансия? Напишите дату (например, 01.09.2025) или выберите день.
dl-q-date-permit = Когда выдано разрешение? Напишите дату (например, 01.09.2025) или выберите день.
dl-q-date-contract = Когда договор подписан обеими сторонами? Напишите дату или выберите день.
dl-q-date-arrival = Когда прибыл работник? Напишите дату или выберите день.
dl-q-date-ended = Когда прекращены трудовые отношения? Напишите дату или выберите день.
dl-q-date-fee = Когда получено уведомление об оплате? Напишите дату или выберите день.
dl-q-date-violation = Когда установлено нарушение? Напишите дату или выберите день.
dl-use-buttons = Выберите, пожалуйста, кнопкой выше или отправьте /cancel.
dl-result-title = <b>Сроки</b>
dl-result-vacancy = 📌 Подать можно с <b>{ $earliest }</b>.
dl-result-permit_end = 📌 Разрешение действует по <b>{ $end }</b>.
dl-result-renewal = 📌 Подайте на продление с <b>{ $opens }</b> по <b>{ $last_day }</b>.
dl-result-no_renewal = 📌 Это разрешение не продлевается: действуйте до <b>{ $prepare }</b> (что именно нужно — ниже).
dl-result-cat4_replacement = 📌 Завершите замену казахстанцами к дате из вашего обязательства: между <b>{ $from }</b> (6 месяцев) и <b>{ $by }</b> (12 месяцев) не позднее.
dl-result-ban = 📌 Новые разрешения — снова с <b>{ $free_from }</b>.
dl-result-esutd_registration = 📌 Зарегистрируйте договор в ЕСУТД до <b>{ $due }</b> включительно.
dl-result-esutd_termination = 📌 Отразите прекращение в ЕСУТД до <b>{ $due }</b> включительно.
dl-result-arrival_notification = 📌 Уведомите о прибытии до <b>{ $due }</b> включительно.
dl-result-fee_payment = 📌 Оплатите сбор до <b>{ $due }</b> включительно.
dl-sources-title = <b>Источники</b>
dl-track = Отслеживать
