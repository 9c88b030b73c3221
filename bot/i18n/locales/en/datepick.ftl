datepick-today = Today
datepick-yesterday = Yesterday
datepick-problem-format = I could not read that date. Type it like 01.09.2025, 2025-09-01 or "today", or pick a day below.
datepick-problem-impossible = That date does not exist (check the day and the month). Example: 28.02.2025.
datepick-problem-ambiguous = That date could be read two ways. Please write it with dots, day first: 01.02.2025.
datepick-problem-out_of_range = Please give a date between 2000 and 2100, e.g. 01.09.2025.
