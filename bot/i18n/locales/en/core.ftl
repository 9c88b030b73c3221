welcome =
    <b>Hello! I am PermitBot.</b>
    I help employers in Kazakhstan who hire foreign workers under the work-permit Rules as changed on 1 September 2025.

    I can:
    • walk you through eligibility: category, local-content ratio, when you may file;
    • count deadlines: vacancy test, permit end, renewal window, ESUTD, arrival notice, fee;
    • answer questions about the rules, with the source of each answer.

    Choose below or just type your question.
menu-title = Main menu: what would you like to do?
menu-main = ≡ Main menu
menu-help = ❔ Help
menu-language = 🌐 Language
help-title = <b>What I can do</b>
help-footer = I give information, not legal advice: check important decisions on migration.enbek.kz or with the local executive body.
cmd-start = start and main menu
cmd-help = what the bot can do
cmd-language = change the language
cmd-cancel = leave the current conversation
language-choose = Choose your language:
language-set = Language: English.
cancelled = Cancelled. Nothing was saved from that conversation.
nothing-to-cancel = There is nothing to cancel.
stale-button = This button is out of date. Please use the latest message or /start.
unexpected-in-flow = I did not understand that answer. Please answer the question above, use its buttons, or send /cancel to stop.
fallback = I did not understand. Choose an action below or send /help.
error-generic = Sorry, something went wrong on my side. Nothing you entered was lost; please try again.
local-banner =
    PermitBot is running LOCALLY in this terminal (no BOT_TOKEN is set).
    Type messages as you would in Telegram (try /start); press a button by typing its number; Ctrl+D quits.
    To connect to Telegram: get a token from @BotFather and run with BOT_TOKEN=123456:ABC… (your token) (environment or .env).
need-text = I need text here: type your answer, or use the buttons below.
flow-start-over = That conversation can no longer be continued. Please start over from the menu.
