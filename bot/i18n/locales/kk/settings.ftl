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
