answers-uncertain = Расталмаған:
answers-clause = Тармақ: { $clauses }
answers-sources = Дереккөздер:
answers-verified = Тексерілген күні: { $date }
