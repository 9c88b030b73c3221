# Общая сводка (issue 14): срочное из всех рабочих пространств в одном окне.
status-btn-all = 🗂 Все пространства
status-all-title = <b>Срочное в ваших пространствах ({ $count })</b>: просрочено или срок в ближайшие 30 дней
status-all-section = 🏢 <b>{ $name }</b> — срочных: { $count }
status-all-more = …и ещё { $count } { $count ->
        [one] пространство
        [few] пространства
       *[other] пространств
    } со срочным: /workspace
status-all-calm = Ничего срочного: { $names }
