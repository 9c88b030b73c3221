answers-uncertain = Не подтверждено:
answers-clause = Пункт: { $clauses }
answers-sources = Источники:
answers-verified = Сверено с нашим справочником { $date }
