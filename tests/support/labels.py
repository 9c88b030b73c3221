"""Button labels the dialog tests press, as a user reads them in each language."""

YES = {"ru": "Да", "kk": "Иә", "en": "Yes"}
NO = {"ru": "Нет", "kk": "Жоқ", "en": "No"}
