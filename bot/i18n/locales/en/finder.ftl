menu-finder = 🔎 Find the category
cmd-category = find a position's category
find-btn-open = 🔎 Help me find it
find-ask-title = 🔎 Type the job title as it will be in the contract (e.g. “welding engineer”, “head of sales”).
find-title-bad = A job title of 1 to { $max } characters, please.
find-need-text = I need text here: type the job title.
find-btn-eligibility = Check eligibility: cat. { $category }
