# The combined dashboard (issue 14): every workspace's urgent items in one view.
status-btn-all = 🗂 All workspaces
status-all-title = <b>Urgent in your { $count } workspaces</b> (overdue or due within 30 days)
status-all-section = 🏢 <b>{ $name }</b> — { $count } urgent
status-all-more = …and { $count } more { $count ->
        [one] workspace
       *[other] workspaces
    } with urgent items: /workspace
status-all-calm = Nothing urgent: { $names }
