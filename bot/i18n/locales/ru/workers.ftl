# Работники, массовый импорт и выгрузка рабочего пространства (issue 14).
cmd-workers = работники и их записи
cmd-import = загрузить работников и записи из таблицы
wk-title = <b>Работники: { $name }</b> — { $count }
wk-empty = Работников пока нет. Добавьте одного или пришлите таблицу через /import.
wk-line = • { $name } — { $records ->
        [one] { $records } запись
        [few] { $records } записи
       *[other] { $records } записей
    }
wk-btn-add = ➕ Добавить работника
wk-btn-import = 📥 Загрузить таблицу
wk-btn-list = 👥 Работники
wk-btn-name = ✏️ Имя
wk-btn-citizenship = 🌍 Гражданство
wk-btn-position = 💼 Должность
wk-btn-category = 🏷 Категория
wk-btn-visa = 🛂 Виза C3 до
wk-btn-passport = 📘 Паспорт до
wk-btn-delete = 🗑 Удалить
wk-btn-delete-yes = 🗑 Да, удалить
wk-btn-none = — Без работника
wk-btn-clear = Очистить
wk-ask-name = Имя или псевдоним работника (1–{ $limit } символов). Номер паспорта или ИИН не нужен:
wk-ask-citizenship = Гражданство работника (например, Узбекистан):
wk-ask-position = Должность работника:
wk-ask-category = Категория работника:
wk-ask-visa = Последний день визы C3 работника (например, 31.12.2026) или «Очистить»:
wk-ask-passport = Дата окончания срока паспорта (например, 31.12.2030) или «Очистить»:
wk-text-invalid = Нужно от 1 до { $limit } символов, не команда. Введите ещё раз:
wk-date-invalid = Не удалось прочитать дату. Введите её как 31.12.2026:
wk-name-taken = Работник с таким именем здесь уже есть. Введите другое имя:
wk-masked = 🔒 Номер в вашем тексте скрыт: PermitBot не нужны номера паспортов и ИИН, поэтому они не хранятся.
wk-card = <b>👤 { $name }</b>
    Гражданство: { $citizenship }
    Должность: { $position }
    Категория: { $category }
    Виза C3 до: { $visa }
    Паспорт до: { $passport }
wk-none = —
wk-records = Записи:
wk-no-records = Записей пока нет: откройте карточку записи и нажмите 👤 Работник.
wk-record-line = • { $kind } · { $date } · { $name }
wk-delete-confirm = Удалить работника <b>{ $name }</b>? Его записи останутся, без работника.
wk-deleted = Работник удалён; его записи остались.
wk-not-found = Работник не найден (возможно, удалён).
wk-pick = Чья это запись — <b>{ $name }</b>?
wk-pick-empty = Работников пока нет: сначала добавьте в /workers.
wk-attached = Теперь это запись работника <b>{ $name }</b>.
wk-detached = Запись больше не привязана к работнику.
track-btn-worker = 👤 Работник
status-btn-by-worker = 👥 По работникам
status-btn-by-date = 📋 По датам
status-no-worker = <b>Без работника</b>
status-worker = <b>👤 { $name }</b>
imp-intro = <b>Загрузка работников и записей</b>
    Пришлите файл CSV (разделитель ; или , кодировка UTF-8) или XLSX: до { $rows } строк и { $kb } КБ. В строке 1 — названия столбцов; возьмите шаблон ниже. Столбцы: работник (обязательно), гражданство, должность, категория (1–4, сезонные, ВКП), запись (разрешение, трудовой договор, прибытие, прекращение трудовых отношений, уведомление об оплате) и её дата, срок в месяцах (сезонное разрешение — в днях), номер разрешения, виза C3 до, паспорт до.
    Повторная загрузка файла обновляет то, что он загрузил раньше.
imp-btn-csv = 📄 Шаблон CSV
imp-btn-xlsx = 📊 Шаблон XLSX
imp-btn-cancel = ✕ Отмена
imp-btn-import = ✅ Загрузить { $count }
imp-btn-errors = ⚠️ Все ошибки файлом
imp-template = Шаблон: одна строка на работника или запись; заполните и пришлите файл сюда.
imp-need-file = Здесь нужен файл CSV или XLSX (отправленный как файл) или ✕ Отмена.
imp-file-too-big = Файл больше { $kb } КБ. Разделите его и пришлите части по очереди. Ничего не загружено.
imp-file-rows = В файле больше { $limit } строк. Разделите его и пришлите части по очереди. Ничего не загружено.
imp-file-empty = Файл пуст. Ничего не загружено.
imp-file-encoding = Не удалось прочитать файл: сохраните CSV в кодировке UTF-8 (или пришлите XLSX). Ничего не загружено.
imp-file-unreadable = Это не файл CSV или XLSX, который я могу прочитать. Ничего не загружено.
imp-file-header = В строке 1 должны быть названия столбцов, хотя бы «{ $worker }». Возьмите шаблон в /import. Ничего не загружено.
imp-file-gone = Не удалось получить файл от Telegram. Пришлите его ещё раз. Ничего не загружено.
imp-preview = <b>Проверка перед загрузкой</b>
    ✅ Готово: { $ready } { $ready ->
        [one] строка
        [few] строки
       *[other] строк
    }
    ⚠️ С ошибками: { $bad } { $bad ->
        [one] строка
        [few] строки
       *[other] строк
    } (будут пропущены)
imp-problem = Строка { $line }, { $column }: { $why }
imp-problem-row = Строка { $line }: { $why }
imp-more = … и ещё { $count }: ⚠️ Все ошибки файлом.
imp-masked = 🔒 Скрыто номеров в именах: { $count }. PermitBot не нужны номера паспортов и ИИН.
imp-none-ready = Нет ни одной готовой строки: исправьте строки и пришлите файл ещё раз.
imp-why-required = пусто, а нужно
imp-why-date = «{ $value }» — не дата (31.12.2026)
imp-why-choice = «{ $value }» — нет среди вариантов
imp-why-term = «{ $value }» — не срок для этой категории
imp-why-long = длиннее { $value } символов
imp-why-duplicate = та же запись, что в строке { $value }
imp-done = ✅ Загружено: новых { $created }, обновлено { $updated }, без изменений { $unchanged }; новых работников { $workers }; запланировано напоминаний { $reminders }.
imp-failed = Загрузка не удалась, ничего не записано. Пришлите файл ещё раз.
imp-stale = Эта проверка устарела: пришлите файл ещё раз.
imp-errors-file = Строки с ошибками: исправьте их и пришлите файл ещё раз.
imp-col-worker = Работник
imp-col-citizenship = Гражданство
imp-col-position = Должность
imp-col-category = Категория
imp-col-record = Запись
imp-col-date = Дата
imp-col-term = Срок
imp-col-permit_number = Номер разрешения
imp-col-visa_until = Виза C3 до
imp-col-passport_until = Паспорт до
imp-col-line = Строка
imp-col-column = Столбец
imp-col-why = Ошибка
imp-cat-seasonal = сезонные
imp-cat-ict = ВКП
export-workspace = 📦 Всё рабочее пространство: записи, работники и участники.
export-btn-xlsx = 📊 XLSX
export-btn-csv = 📄 CSV
export-sheet-records = Записи
export-sheet-workers = Работники
export-sheet-members = Участники
export-col-worker = Работник
export-col-role = Роль
export-col-member = Участник
