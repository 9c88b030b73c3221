trace-vacancy = Vacancy posted on { $posted }; the { $days } calendar days run { $first } – { $last }; you may file from { $earliest }.
note-vacancy-inclusive = Filing on { $day } may be accepted if the portal counts "after 15 days" inclusively; this is not guaranteed.
trace-permit-end = Issued { $start } for { $months } months: the anniversary is { $mark }, so the last valid day is { $end } (the bot's way of counting; the date printed on the permit prevails).
trace-seasonal-end = Seasonal permit from { $start } for { $days } days: the last valid day is { $end }.
trace-no-renewal = This permit cannot be renewed; it ends on { $end }. Plan the replacement or a new permit by { $prepare } (a new permit needs the 15-day vacancy posting first).
trace-renewal = Permit ends { $end }. Renewal may be filed not earlier than { $earliest } and not later than { $latest } days before: safe window { $opens } – { $last_day }; recommended by { $recommended }; last warning { $last_warning }; start preparing on { $prepare }.
note-renewal-borderline = { $day } (60 days before) is borderline: it depends on how the days are counted, so the bot starts the window a day later.
trace-renewals-unlimited = Renewals used: { $used }; the number of renewals is not limited.
trace-renewals-left = Renewals used: { $used } of { $allowed }; left: { $left }.
trace-cat4 = Category 4 permit issued { $issued }: you must complete the replacement of the foreign workers by Kazakh citizens in identical or comparable positions within { $low }–{ $high } months — by the date in your commitment to the local executive body, between { $from } and { $by } at the latest (if unsure, by { $from }) — and enter the data on migration.enbek.kz.
trace-ban = Violation established on { $established }: { $months } months are counted from the next day, so the ban runs through { $last } (the same date { $months } months later; a date that does not exist moves to the next 1st); new permits from { $free }. This is the bot's count.
trace-working-days = From { $event }: { $count } working days, counted from the next day, end on { $due }.
trace-skipped-weekends = Weekend days skipped: { $count }.
trace-skipped-holiday = Not counted: { $day }, { $name }.
note-estimated-holiday = { $name } ({ $day }) is an estimated date and may move; the deadline could shift.
trace-calendar-days = From { $event }: { $count } calendar days, counted from the next day, end on { $last }.
trace-ratio-eaeu = EAEU citizens are not counted as foreign workers (practice: a 2017 rule, not re-verified); outstaffed staff count.
trace-ratio-small = A small business with { $staff ->
    [one] { $staff } employee
   *[other] { $staff } employees
    } (up to { $limit }) is exempt from the ratio.
trace-ratio-small-any = Before 1 September 2025 every small business was exempt from the ratio.
trace-ratio-small-over = A small business with { $staff ->
    [one] { $staff } employee
   *[other] { $staff } employees
    } is over the { $limit }-employee limit, so the ratio applies.
trace-ratio-branch = A branch or representative office with { $staff ->
    [one] { $staff } employee
   *[other] { $staff } employees
    } (up to { $limit }) is exempt from the ratio.
trace-ratio-group-ok = Categories { $group }: { $locals } Kazakh citizens, { $foreign } foreign, { $percent } % local (at least { $threshold } % needed) — met; { $more ->
        [0] no room for more foreign workers of this group now.
        [one] up to 1 more foreign worker allowed now.
       *[other] up to { $more } more foreign workers allowed now.
    }
trace-ratio-group-fail = Categories { $group }: { $locals } Kazakh citizens, { $foreign } foreign, { $percent } % local (at least { $threshold } % needed) — NOT met; no more foreign workers of this group.
status-confirmed = Status: confirmed by the amendment or two independent sources.
status-practice = Status: practice (one consultancy or an older text) — check on migration.enbek.kz or with the local executive body.
status-derived = Status: calculated by the bot from the Rules — check it on migration.enbek.kz or with the local executive body.
holiday-capital-day = Capital Day
holiday-constitution-day = Constitution Day
holiday-day-off = Day off (moved)
holiday-defender-of-the-fatherland-day = Defender of the Fatherland Day
holiday-eid-al-adha = Kurban Ait
holiday-independence-day = Independence Day
holiday-international-women-s-day = International Women's Day
holiday-kazakhstan-s-people-solidarity-holiday = Unity Day of the People of Kazakhstan
holiday-new-year-s-day = New Year
holiday-nowruz-holiday = Nauryz
holiday-orthodox-christmas = Orthodox Christmas
holiday-republic-day = Republic Day
holiday-victory-day = Victory Day
note-cat4-other = If the issue day is not counted, twelve months end on { $day }; the bot does not rely on it.
trace-no-renewal-cat4 = A category 4 permit cannot be renewed; it ends on { $end }. By then the replacement by Kazakh citizens must be complete and entered on migration.enbek.kz (your duty for this permit). Whether a new permit for the same position is possible is not confirmed: ask the local executive body before { $prepare }.
trace-vacancy-moved = { $last } is a non-working day: if the period moves to the next working day, it ends on { $moved }.
note-vacancy-earlier = Filing on { $day } (the day after the 15th day) may be accepted; the later date is safe.
note-ban-earlier = If the day the fact was established is counted, new permits could be issued from { $day }; the bot does not rely on it.
note-deadline-moved = { $last } is a non-working day; under the Civil Code analogy the deadline may move to { $due }, but the safe day is { $last }.
trace-convention-after = How it is counted: from the day after the event; N days end on event + N; N months end on the same date N months later (or the next 1st); where two readings are possible the bot shows the safe one.
trace-convention-working = How it is counted: working days of the Kazakhstan calendar, from the day after the event.
trace-convention-term = How it is counted: a validity term counts its first day, so it ends the day before the same date N months (or N days) later.
trace-convention-before = How it is counted: calendar days back from the permit's last valid day.
