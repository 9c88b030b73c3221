# The company's group chat (issue 14)
grp-linked = This group now gets <b>{ $company }</b>'s weekly digest and deadline escalations (record names and dates only). /unlink stops it.
grp-unlinked = This group is unlinked: no more digests or escalations here.
grp-not-linked = This group is not linked to your current workspace.
grp-link-company-only = Only a company workspace can be linked to a group. Switch to it in a private chat with /workspace.
grp-link-not-group-admin = Only a group administrator who is also an admin of the workspace can link this group.
grp-private-only = In groups I only post the company's digest and escalations. Write to me in a private chat for everything else.
grp-btn-done = ✓ Done
grp-btn-snooze = ⏰ 1 day
grp-done-by = ✓ Marked done by { $who }.
grp-snoozed-by = ⏰ Snoozed for a day by { $who }.
grp-already = This is already done or snoozed.
esc-group-day = ⏰ <b>{ $company }</b>: { $title } — today, { $date }. Record: { $label }.
esc-group-overdue = ⚠️ <b>{ $company }</b>: { $title } — overdue since { $date }. Record: { $label }.
grp-digest-title = 📋 <b>{ $company }</b>: due in the next 30 days
grp-digest-empty = 📋 <b>{ $company }</b>: nothing falls due in the next 30 days.
