# Жалпы шолу (issue 14): барлық жұмыс кеңістіктерінің шұғыл істері бір терезеде.
status-btn-all = 🗂 Барлық кеңістіктер
status-all-title = <b>Кеңістіктеріңіздегі шұғыл істер ({ $count })</b>: мерзімі өткен немесе 30 күн ішінде
status-all-section = 🏢 <b>{ $name }</b> — шұғыл: { $count }
status-all-more = …және шұғыл істері бар тағы { $count } кеңістік: /workspace
status-all-calm = Шұғыл ештеңе жоқ: { $names }
