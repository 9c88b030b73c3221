answers-uncertain = Не подтверждено:
answers-clause = Пункт: { $clauses }
answers-sources = Источники:
answers-verified = Проверено: { $date }
