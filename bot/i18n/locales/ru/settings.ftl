cmd-settings = час напоминаний, тихие часы, часовой пояс, о чём напоминать
menu-settings = ⚙️ Настройки
settings-overview =
    <b>Настройки напоминаний</b>
    Время напоминаний: { $hour } (часовой пояс { $zone }). Тихие часы: { $quiet }.
    Продление: рекомендуемая подача за { $recommended } дн. до окончания (в пределах безопасного окна 59–30 дней). Предупреждение об окончании: за { $expiry } дн.
    Нажмите на вид ниже, чтобы включить 🔔 или выключить 🔕 его напоминания.
settings-quiet-off = нет
settings-btn-hour = 🕘 Час
settings-btn-quiet = 🌙 Тихие часы
settings-btn-zone = 🌍 Часовой пояс
settings-btn-recommended = Продление: за { $days } дн.
settings-btn-expiry = Окончание: за { $days } дн.
settings-btn-back = ‹ Назад
settings-choose-hour = В какой час присылать напоминания?
settings-choose-quiet = В какие часы не присылать напоминания?
settings-choose-zone = Ваш часовой пояс (Казахстан с 1 марта 2024 года живёт по UTC+5):
settings-type-hour = Или напишите час: 10, 10:00, «8 вечера».
settings-type-quiet = Или напишите часы: 22-8, «с 23 до 7» или «нет».
settings-type-zone = Или напишите пояс: Asia/Almaty, город (Алматы, Ташкент) или смещение (UTC+5, +5).
settings-typed-bad-hour = Не понял час. Напишите целый час от 0 до 23 (например, 10 или 10:00) или нажмите кнопку.
settings-typed-bad-quiet = Не понял тихие часы. Напишите начало и конец целыми часами (например, 22-8), «нет» или нажмите кнопку.
settings-typed-bad-zone = Не знаю такого часового пояса. Напишите название вида Asia/Almaty, город или смещение вида UTC+5 либо нажмите кнопку.
settings-typed-in-quiet = { $hour } попадает в тихие часы ({ $quiet }): напоминания ждали бы их конца, а вечером — до следующего утра. Выберите час вне тихих часов или сначала измените тихие часы.
settings-saved = Сохранено; напоминания перепланированы.
settings-group-renewal = Продление
settings-group-permit = Окончание
settings-group-vacancy = Вакансия
settings-group-obligations = Обязанности
settings-group-cat4 = Замена (4-я кат.)
settings-group-ban = Конец запрета
settings-btn-escalate = 👥 Админам: за { $days ->
    [one] { $days } день
    [few] { $days } дня
   *[many] { $days } дней
    } до срока
settings-btn-escalate-off = 👥 Админам: не сообщать
settings-saved-escalation = Сохранено для всего пространства.
