answers-uncertain = Расталмаған:
answers-clause = Тармақ: { $clauses }
answers-sources = Дереккөздер:
answers-verified = Біздің анықтамалықпен салыстырылған күні: { $date }
