# Workspaces, colleagues and roles (issue 14).
cmd-workspace = workspaces, colleagues and roles
ws-denied = Your role in this workspace does not allow that, or you are no longer its member.
ws-title = <b>Workspaces</b>
    Now: <b>{ $name }</b> ({ $role }). Records, /status, reminders and exports are this workspace's.
ws-personal = Personal
ws-role-owner = owner
ws-role-admin = admin
ws-role-member = member
ws-role-viewer = viewer
ws-btn-members = 👥 Members
ws-btn-new = ➕ New company
ws-btn-invite = ✉️ Invite
ws-btn-back = ‹ Back
ws-btn-cancel = ✕ Cancel
ws-btn-skip = Skip
ws-switched = Now working in <b>{ $name }</b> ({ $role }).
ws-ask-name = The company's name (1–{ $limit } characters):
ws-name-invalid = The name must be 1–{ $limit } characters and not a command. Type it again:
ws-ask-bin = The company's BIN (12 digits), or Skip:
ws-bin-invalid = That is not a valid BIN: 12 digits whose last is the check digit. Check it or press Skip.
ws-created = Company <b>{ $name }</b> created; you are its owner. Invite colleagues from 👥 Members.
ws-members-title = <b>Members of { $name }</b>
ws-member-line = • { $name } — { $role }
ws-unnamed = user { $id }
ws-invite-choose = Invite to <b>{ $name }</b> with which role? Admins manage members and all records, members create and edit records, viewers only read.
ws-invite-link = Send this link to one colleague. It works once, for { $days } days, and joins <b>{ $name }</b> as { $role }:
    { $link }
ws-joined = You joined <b>{ $name }</b> as { $role }. It is your current workspace now (/workspace to switch).
ws-join-unknown = This invitation is not valid. Ask for a new link.
ws-join-used = This invitation was already used. Each link works once: ask for a new one.
ws-join-expired = This invitation has expired. Ask for a new link.
ws-join-member = You are already a member of this workspace.
ws-member-card = { $name } — { $role }
ws-btn-make = → { $role }
ws-btn-remove = 🚫 Remove
ws-remove-confirm = Remove { $name } from <b>{ $workspace }</b>? Their access ends at once.
ws-btn-remove-yes = Yes, remove
ws-role-changed = { $name }'s role is now { $role }.
ws-removed = { $name } was removed; their access has ended.
ws-member-gone = That member is no longer in this workspace.
ws-records-moved = { $count ->
        [one] Their record is yours now, with its reminders.
       *[other] Their { $count } records are yours now, with their reminders.
    }
ws-btn-transfer = 👑 Transfer
ws-btn-delete = 🗑 Delete
ws-transfer-choose = Who becomes the owner of <b>{ $name }</b>? You stay as an admin.
ws-transfer-confirm = Make { $member } the owner of <b>{ $name }</b>? You become an admin; only the new owner can give it back.
ws-btn-transfer-yes = Yes, transfer
ws-transferred = { $member } is now the owner of <b>{ $name }</b>; you are an admin.
ws-transfer-none = Nobody else is in this workspace yet: invite a colleague first.
ws-delete-confirm = Delete <b>{ $name }</b> with all its records ({ $count }), their reminders, members and invitations? This cannot be undone.
ws-btn-delete-yes = Yes, delete everything
ws-deleted = <b>{ $name }</b> was deleted with all its records.
rsp-btn = 👤 Responsible: { $name }
rsp-former = a former member
rsp-choose = Who is responsible for { $name }? They get its reminders.
rsp-set = { $name } is responsible now and gets its reminders.
ws-privacy = In a company workspace your records belong to the company: if you delete your data they stay with it (its owner becomes responsible; if you own it, ownership passes to an admin or member). Its history shows what you did as done by "a former member": no name or id of yours stays. The owner can delete a company workspace in /workspace (after a confirmation); every row of it goes: records, reminders, history, members, invitations, the profile and the group link.
ws-saved-in = In the workspace of <b>{ $name }</b>.
