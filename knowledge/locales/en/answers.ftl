answers-uncertain = Not confirmed:
answers-clause = Clause: { $clauses }
answers-sources = Sources:
answers-verified = Checked against the sources on { $date }
scope-tax = Taxes and social or pension contributions are outside what I know: I cover work permits for foreign workers. Ask the tax authority (the State Revenue Committee) or a tax adviser; many tax services are on egov.kz.
scope-labour = Leave, pay, probation and dismissal are labour-law questions outside what I know. Ask the labour inspectorate or a lawyer; the Labour Code is on adilet.zan.kz.
scope-company = Registering a company or a sole proprietorship is outside what I know. It is done on egov.kz or at a Public Service Centre.
scope-travel = Visas and work abroad for Kazakh citizens are outside what I know. Ask the embassy or consulate of the country concerned; passports are handled through egov.kz.
scope-residence = Residence permits, registration at a place of residence and citizenship are outside what I know. Ask the migration service of the police; many of these services are on egov.kz.
scope-family = Visas, residence and registration for a foreign worker's family (spouse, children) are outside what I know: I cover the worker's own work permit. Ask the migration service of the police; many of these services are on egov.kz.
scope-citizens = I cover the Rules on attracting foreign labour: the permits they describe are issued for foreign workers. Hiring Kazakh citizens is a labour-law question outside what I know; ask the labour inspectorate or a lawyer, the Labour Code is on adilet.zan.kz.
scope-licences = Building permits, business licences and permits other than work permits for foreign workers are outside what I know. Many licences and permits are applied for on elicense.kz or egov.kz.
situation-ratio-since = This rule is in force since { $since }.
situation-ratio-applies = At least { $low } % of staff in categories 1–2 and { $high } % in categories 3–4 must be Kazakh citizens.
situation-eaeu = { $country } is an EAEU state: its citizens need no work permit in Kazakhstan.
situation-no-transfer = A permit cannot be transferred to another employer.
situation-permit-needed = { $country } is not an EAEU state: its citizens need a work permit (or another route, such as a seasonal permit).
situation-term-months = { $route }: the permit is issued for { $months } months.
situation-term-days = { $route }: the permit is issued for { $days } days.
situation-term-upto = { $route }: the permit is issued for up to { $months } months.
situation-renew-none = It cannot be renewed.
situation-renew-unlimited = Renewals are not limited in number, { $months } months each.
situation-renew-max = It can be renewed up to { $count } { $count ->
        [one] time
       *[other] times
    }, { $months } months each.
situation-trip-span = { $months ->
        [0] { $days } days
       *[other] { $months } months
    }
situation-trip-over = { situation-trip-span } is more than the { $limit } calendar days a year that business trips to regions not named in the permit may total: the permit must cover the region where the work is done.
situation-seasonal-fee = { situation-trip-span }: the seasonal permit of up to { $term } days, a fee of { $mci } MCI = { $amount } ₸ in { $year }.
situation-seasonal-fee-nomci = { situation-trip-span }: the seasonal permit of up to { $term } days, a fee of { $mci } MCI (the MCI of { $year } is not in the bot's data).
situation-seasonal-over = { situation-trip-span } is more than the longest seasonal permit ({ $max } days), and it is not renewed.
situation-trip-within = { situation-trip-span } fits within the { $limit } calendar days a year that business trips to regions not named in the permit may total (all trips of the year count together).
situation-trip-borderline = { situation-trip-span } is close to the { $limit } calendar days a year that business trips to regions not named in the permit may total: count the days of all this year's trips.
answers-official = The Rules (official text)
answers-some-unconfirmed = Part of this is not confirmed: see “Why not sure?”.
answers-some-unconfirmed-shared = Part of this is not confirmed: check it on migration.enbek.kz or with the local executive body.
