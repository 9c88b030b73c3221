cmd-settings = еске салу сағаты, тыныш сағаттар, уақыт белдеуі, не туралы еске салу
menu-settings = ⚙️ Баптаулар
settings-overview =
    <b>Еске салу баптаулары</b>
    Еске салу уақыты: { $hour } (уақыт белдеуі { $zone }). Тыныш сағаттар: { $quiet }.
    Ұзарту: аяқталуға { $recommended } күн қалғанда тапсыру ұсынылады (қауіпсіз 59–30 күн кезеңі ішінде). Аяқталу туралы ескерту: { $expiry } күн бұрын.
    Еске салуларын қосу 🔔 немесе өшіру 🔕 үшін төмендегі түрді басыңыз.
settings-quiet-off = жоқ
settings-btn-hour = 🕘 Сағат
settings-btn-quiet = 🌙 Тыныш сағаттар
settings-btn-zone = 🌍 Уақыт белдеуі
settings-btn-recommended = Ұзарту: { $days } күн бұрын
settings-btn-expiry = Аяқталу: { $days } күн бұрын
settings-btn-back = ‹ Артқа
settings-choose-hour = Еске салуларды қай сағатта жіберейін?
settings-choose-quiet = Қай сағаттарда еске салу жібермеу керек?
settings-choose-zone = Уақыт белдеуіңіз (Қазақстан 2024 жылғы 1 наурыздан бастап UTC+5 бойынша):
settings-type-hour = Немесе сағатты жазыңыз: 10, 10:00, «кешкі 8».
settings-type-quiet = Немесе сағаттарды жазыңыз: 22-8, «23-тен 7-ге дейін» немесе «жоқ».
settings-type-zone = Немесе белдеуді жазыңыз: Asia/Almaty, қала (Алматы, Ташкент) немесе ығысу (UTC+5, +5).
settings-typed-bad-hour = Сағатты түсінбедім. 0-ден 23-ке дейінгі бүтін сағатты жазыңыз (мысалы, 10 немесе 10:00) немесе батырманы басыңыз.
settings-typed-bad-quiet = Тыныш сағаттарды түсінбедім. Басы мен соңын бүтін сағатпен жазыңыз (мысалы, 22-8), «жоқ» деп жазыңыз немесе батырманы басыңыз.
settings-typed-bad-zone = Мұндай уақыт белдеуін білмеймін. Asia/Almaty сияқты атауды, қаланы немесе UTC+5 сияқты ығысуды жазыңыз не батырманы басыңыз.
settings-typed-in-quiet = { $hour } тыныш сағаттарға ({ $quiet }) түседі: еске салулар олардың соңын, ал кешке келесі таңды күтер еді. Тыныш сағаттардан тыс сағатты таңдаңыз немесе алдымен тыныш сағаттарды өзгертіңіз.
settings-saved = Сақталды; еске салулар қайта жоспарланды.
settings-group-renewal = Ұзарту
settings-group-permit = Аяқталу
settings-group-vacancy = Бос орын
settings-group-obligations = Міндеттер
settings-group-cat4 = Алмастыру (4-санат)
settings-group-ban = Тыйымның соңы
settings-btn-escalate = 👥 Әкімшілерге: мерзімнен { $days } күн бұрын
settings-btn-escalate-off = 👥 Әкімшілерге: өшірулі
settings-saved-escalation = Бүкіл кеңістік үшін сақталды.
