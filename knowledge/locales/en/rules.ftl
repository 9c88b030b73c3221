trace-vacancy = Vacancy posted on { $posted }; the { $days } calendar days run { $first } – { $last }; you may file from { $earliest }.
note-vacancy-inclusive = Filing on { $day } may be accepted if the portal counts "after 15 days" inclusively; we do not promise it.
trace-permit-end = Issued { $start } for { $months } months: the anniversary is { $mark }, so the last valid day is { $end } (our convention; the date printed on the permit prevails).
trace-seasonal-end = Seasonal permit from { $start } for { $days } days: the last valid day is { $end }.
trace-no-renewal = This permit cannot be renewed; it ends on { $end }. Plan the replacement or a new permit by { $prepare } (a new permit needs the 15-day vacancy posting first).
trace-renewal = Permit ends { $end }. Renewal may be filed not earlier than { $earliest } and not later than { $latest } days before: safe window { $opens } – { $last_day }; recommended by { $recommended }; last warning { $last_warning }; start preparing on { $prepare }.
note-renewal-borderline = { $day } (60 days before) is borderline: it depends on how the days are counted, so we start the window a day later.
trace-renewals-unlimited = Renewals used: { $used }; the number of renewals is not limited.
trace-renewals-left = Renewals used: { $used } of { $allowed }; left: { $left }.
trace-cat4 = Category 4 permit issued { $issued }: replace the foreign workers with Kazakh citizens between { $from } and { $by }, and enter the data on migration.enbek.kz.
trace-ban = Violation established on { $established }: we count { $months } months from the next day, so the ban runs through { $last } (the same date { $months } months later; a date that does not exist moves to the next 1st); new permits from { $free }. This is our count.
trace-working-days = From { $event }: { $count } working days, counted from the next day, end on { $due }.
trace-skipped-weekends = Weekend days skipped: { $count }.
trace-skipped-holiday = Not counted: { $day }, { $name }.
note-estimated-holiday = { $name } ({ $day }) is an estimated date and may move; the deadline could shift.
trace-calendar-days = From { $event }: { $count } calendar days, counted from the next day, end on { $last }.
trace-moved-to-working-day = { $last } is not a working day, so the deadline moves to { $due }.
trace-ratio-eaeu = EAEU citizens are not counted as foreign workers (practice: a 2017 rule, not re-verified); outstaffed staff count.
trace-ratio-small = A small business with { $staff } employees (up to { $limit }) is exempt from the ratio.
trace-ratio-small-any = Before 1 September 2025 every small business was exempt from the ratio.
trace-ratio-small-over = A small business with { $staff } employees is over the { $limit }-employee limit, so the ratio applies.
trace-ratio-branch = A branch or representative office with { $staff } employees (up to { $limit }) is exempt from the ratio.
trace-ratio-group-ok = Categories { $group }: { $locals } Kazakh citizens, { $foreign } foreign, { $percent } % local (at least { $threshold } % needed) — met; { $more ->
        [0] no room for more foreign workers of this group now.
        [one] up to 1 more foreign worker allowed now.
       *[other] up to { $more } more foreign workers allowed now.
    }
trace-ratio-group-fail = Categories { $group }: { $locals } Kazakh citizens, { $foreign } foreign, { $percent } % local (at least { $threshold } % needed) — NOT met; no more foreign workers of this group.
status-confirmed = Status: confirmed by the amendment or two independent sources.
status-practice = Status: practice (one consultancy or an older text) — check on migration.enbek.kz or with the local executive body.
status-derived = Status: our own calculation — check it on migration.enbek.kz or with the local executive body.
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
