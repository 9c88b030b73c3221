# Workers as records, bulk import and the workspace export (issue 14).
cmd-workers = workers and their records
cmd-import = import workers and records from a table
wk-title = <b>Workers of { $name }</b>: { $count }
wk-empty = No workers yet. Add one, or send /import with a table.
wk-line = • { $name } — { $records ->
        [one] { $records } record
       *[other] { $records } records
    }
wk-btn-add = ➕ Add a worker
wk-btn-import = 📥 Import a table
wk-btn-list = 👥 Workers
wk-btn-name = ✏️ Name
wk-btn-citizenship = 🌍 Citizenship
wk-btn-position = 💼 Position
wk-btn-category = 🏷 Category
wk-btn-visa = 🛂 C3 visa until
wk-btn-passport = 📘 Passport until
wk-btn-delete = 🗑 Delete
wk-btn-delete-yes = 🗑 Yes, delete
wk-btn-none = — No worker
wk-btn-clear = Clear
wk-ask-name = The worker's name or alias (1–{ $limit } characters). No passport or IIN number is needed:
wk-ask-citizenship = The worker's citizenship (for example, Uzbekistan):
wk-ask-position = The worker's position:
wk-ask-category = The worker's category:
wk-ask-visa = The last day of the worker's C3 visa (for example, 31.12.2026), or Clear:
wk-ask-passport = The day the worker's passport expires (for example, 31.12.2030), or Clear:
wk-text-invalid = That needs 1–{ $limit } characters and not a command. Type it again:
wk-date-invalid = I could not read that date. Type it as 31.12.2026:
wk-name-taken = This workspace has a worker of that name already. Type another name:
wk-masked = 🔒 The number in what you typed was masked: PermitBot needs no passport or IIN numbers, so they are never stored.
wk-card = <b>👤 { $name }</b>
    Citizenship: { $citizenship }
    Position: { $position }
    Category: { $category }
    C3 visa until: { $visa }
    Passport until: { $passport }
wk-none = —
wk-records = Records:
wk-no-records = No records yet: open a record's card and press 👤 Worker.
wk-record-line = • { $kind } · { $date } · { $name }
wk-delete-confirm = Delete the worker <b>{ $name }</b>? Their records stay, without a worker.
wk-deleted = The worker was deleted; their records stay.
wk-not-found = This worker was not found (it may have been deleted).
wk-pick = Whose record is <b>{ $name }</b>?
wk-pick-empty = No workers yet: add one in /workers first.
wk-attached = The record now belongs to <b>{ $name }</b>.
wk-detached = The record no longer belongs to a worker.
track-btn-worker = 👤 Worker
status-btn-by-worker = 👥 By worker
status-btn-by-date = 📋 By date
status-no-worker = <b>Without a worker</b>
status-worker = <b>👤 { $name }</b>
imp-intro = <b>Import workers and records</b>
    Send a CSV (; or , separated, UTF-8) or XLSX file: up to { $rows } rows and { $kb } KB. Row 1 names the columns; take a template below. Columns: worker (required), citizenship, position, category (1–4, seasonal, ICT), record (permit, contract, arrival, end of employment, fee notice) and its date, term in months (a seasonal permit: days), permit number, C3 visa until, passport until.
    Re-sending a file updates what it imported before.
imp-btn-csv = 📄 CSV template
imp-btn-xlsx = 📊 XLSX template
imp-btn-cancel = ✕ Cancel
imp-btn-import = ✅ Import { $count }
imp-btn-errors = ⚠️ All errors as a file
imp-template = The template: fill in one row per worker or record, then send the file here.
imp-need-file = I need a CSV or XLSX file here (sent as a file), or ✕ Cancel.
imp-file-too-big = The file is larger than { $kb } KB. Split it and send the parts one by one. Nothing was imported.
imp-file-rows = The file has more than { $limit } rows. Split it and send the parts one by one. Nothing was imported.
imp-file-empty = The file is empty. Nothing was imported.
imp-file-encoding = I could not read the file: save the CSV as UTF-8 (or send XLSX). Nothing was imported.
imp-file-unreadable = This is not a CSV or XLSX file I can read. Nothing was imported.
imp-file-header = Row 1 must name the columns, with at least "{ $worker }". Take a template from /import. Nothing was imported.
imp-file-gone = I could not get the file from Telegram. Send it again. Nothing was imported.
imp-preview = <b>Import preview</b>
    ✅ Ready: { $ready } { $ready ->
        [one] row
       *[other] rows
    }
    ⚠️ With errors: { $bad } { $bad ->
        [one] row
       *[other] rows
    } (skipped)
imp-problem = Row { $line }, { $column }: { $why }
imp-problem-row = Row { $line }: { $why }
imp-more = … and { $count } more: ⚠️ All errors as a file.
imp-masked = 🔒 { $count ->
        [one] { $count } ID number
       *[other] { $count } ID numbers
    } in names masked: PermitBot needs no passport or IIN numbers.
imp-none-ready = No row is ready: fix the rows and send the file again.
imp-why-required = empty, but needed
imp-why-date = "{ $value }" is not a date (31.12.2026)
imp-why-choice = "{ $value }" is not one of the choices
imp-why-term = "{ $value }" is not a term for this category
imp-why-long = longer than { $value } characters
imp-why-duplicate = the same record as row { $value }
imp-done = ✅ Imported: { $created } new, { $updated } updated, { $unchanged } unchanged; { $workers } new workers; { $reminders } reminders planned.
imp-failed = The import failed and nothing was written. Send the file again.
imp-stale = This preview is out of date: send the file again.
imp-errors-file = The rows with errors: fix them and send the file again.
imp-col-worker = Worker
imp-col-citizenship = Citizenship
imp-col-position = Position
imp-col-category = Category
imp-col-record = Record
imp-col-date = Date
imp-col-term = Term
imp-col-permit_number = Permit number
imp-col-visa_until = C3 visa until
imp-col-passport_until = Passport until
imp-col-line = Row
imp-col-column = Column
imp-col-why = Error
imp-cat-seasonal = seasonal
imp-cat-ict = ICT
export-workspace = 📦 The whole workspace: records, workers and members.
export-btn-xlsx = 📊 XLSX
export-btn-csv = 📄 CSV
export-sheet-records = Records
export-sheet-workers = Workers
export-sheet-members = Members
export-col-worker = Worker
export-col-role = Role
export-col-member = Member
