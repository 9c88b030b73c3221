"""What is outside the bot's knowledge: neighbouring questions a user will ask, and where to ask.

A question that shares a word with a topic ("налог", "отпуск", "виза") would otherwise get the
nearest work-permit card. Each domain is a few patterns over the question in any script (matched
on the lower-cased text and on its script-free skeleton, see textnorm); a match refuses with the
domain's official pointer (knowledge/locales: scope-<domain>). "chatter" refuses plainly.
A worker's family, a Kazakh citizen's work abroad or own "permit", is refused even beside a permit
word; a plainly neighbouring question that names "work permit" in passing is refused too.
"""

from __future__ import annotations

import re
from functools import lru_cache

from knowledge.textnorm import normalize, skeleton

# Patterns on the normalised text (Cyrillic, Latin) and on skeletons (Latin-typed Russian/Kazakh).
_DOMAINS: dict[str, tuple[str, ...]] = {
    "tax": (
        r"\bндс\b", r"\bvat\b", r"\bққс\b", r"налог(?!ов\w* номер)", r"\btax(?!\s*(number|id))",
        r"\bипн\b", r"\bкпн\b", r"\bжтс\b", r"\bктс\b", r"салы[ғқ]", r"деклараци", r"\bdeclaration",
        r"(форм\w*|фно|fno|form) ?270|270 ?(форм|declar|декл)", r"соцотчисл",
        r"социальн\w* (отчисл|взнос)", r"social contribution",
        r"әлеуметтік (аудар|төлем)", r"пенсионн", r"\bпенси[юия]\b", r"\bpension", r"зейнетақы",
        r"страхов", r"insurance", r"сақтандыр", r"\bосмс\b", r"\bомс\b", r"\bопвр?\b", r"\bвосмс\b",
    ),
    "labour": (
        r"отпуск", r"\bleave\b(?! (the |this )?(country|kazakhstan))", r"еңбек демалыс",
        r"жүктілік", r"демалысы неше", r"жалақы",
        r"зарплат", r"\bwage", r"\bsalar", r"испытательн", r"probation", r"сынақ мерзім",
        r"сверхурочн", r"переработк", r"overtime", r"больничн", r"\bsick", r"ауырғаны",
        r"беременн", r"maternity", r"декрет", r"собственному желанию", r"own request",
        r"өз еркімен", r"paid (holiday|leave|vacation)", r"\bvacation", r"annual leave",
        r"\bдемалысы\b(?! күн)", r"жыл сайынғы демалыс", r"ақылы демалыс",
        r"прогул", r"absentee", r"дисциплинар", r"disciplinary", r"сокращени\w* (штат|численн)",
        r"redundanc", r"layoff", r"трудов\w* книжк", r"severance", r"выходн\w* пособи",
        r"\bбонус", r"пособи", r"на каком языке", r"language of the (employment )?contract",
        r"қай тілде", r"договор\w* на (английском|русском|казахском|иностранном) язык",
        r"\bbonus", r"премия", r"минимальн\w* (зарплат|оплат)", r"minimum wage",
        r"\bмрот\b", r"\bмзп\b", r"минималк", r"\bдемалыс\b(?! күн)",
        r"labour code", r"трудов\w* кодекс", r"еңбек кодекс", r"notice period",
    ),
    "company": (
        r"(открыть|открыти|зарегистрир|регистрац|ликвидир|ликвидац|закрыть)\w* "
        r"(ип|тоо|компани|фирм|филиал|представительств)",
        r"\b(тоо|ип|llp|жшс|жк)\w*( \w+)? (открыть|зарегистрир|регистрац|ликвид|закрыть|аш|тірке)",
        r"(open|register|close|liquidate)\w* (an? )?(llp|branch|subsidiary|sole)",
        r"set up (a |an |our )?(\w+ )?(company|subsidiary|branch|llp|business|firm)",
        r"\bип открыть", r"register (a |an |my |our )?(company|business|llp|firm)",
        r"sole proprietor", r"\bжк\b", r"(филиал|компани)\w* (қалай )?тірке",
        r"компания\w* тірке", r"bank account", r"(get|obtain|register)\w* (a |an |the )?bin\b",
        r"\bbin registration", r"(получ|оформ)\w* бин\b", r"бсн (алу|ал)",
        r"(банковск|расчетн)\w* сч[её]т", r"шот аш", r"лицензи\w* на (турагент|алкогол|строител)",
    ),
    "travel": (
        r"виз\w* (в|для) (сша|герман|китай|корею|европ|америк|англи|турци|оаэ)",
        r"виз\w* для казахстан", r"казахстанц\w*.{0,30}виз",
        r"\bvisa (for|to) (the )?(us|usa|germany|china|korea|uk|europe|schengen|kazakh)",
        r"kazakh(stan)? citizens? need a visa", r"ақш визасы",
        r"(германия|ақш|қытай|корея|еуропа|түркия)\w* виза",
        r"виз\w*.{0,20}граждан\w* (казахстан|рк)",
        r"(уехать|поехать) работать", r"work(ing)? abroad", r"move to \w+ for work",
        r"жұмысқа (қалай )?кет", r"паспорт\w* (поменять|заменить|ауыстыр)",
        r"(поменять|заменить) паспорт",
        r"паспортты", r"renew (my |a |the )?(kazakh )?passport", r"schengen", r"шенген",
        r"(with|on) (a |my )?kazakh(stan)? passport", r"visa to (travel|go|visit|fly)",
        r"виз\w* (чтобы )?(поехать|съездить|для поездки|слетать)", r"(с|по) казахстанск\w* паспорт",
    ),
    "residence": (
        r"вид на жительств", r"\bрвп\b", r"residence permit", r"ықтиярхат", r"прописк",
        r"по месту жительств", r"place of residence", r"тұрғылықты жер", r"гражданств",
        r"citizenship", r"residency", r"permanent resid", r"\bпмж\b", r"\bвнж\b", r"тұрақты тұру",
        r"постоянн\w+ (место )?жительств", r"get (a )?kazakh(stan)? passport",
        r"получить казахстанск\w+ паспорт",
        r"получить паспорт рк", r"азаматтығ", r"азаматтық ал", r"[кқ]андас", r"\bkandas",
        r"оралман", r"\boralman", r"become a (kazakh(stan)? )?citizen", r"naturali[sz]",
    ),
    "chatter": (
        r"погод", r"weather", r"ауа райы", r"курс (доллар|валют|евро)", r"exchange rate",
        r"бағамы", r"\bматч", r"football", r"футбол", r"ресторан", r"restaurant",
        r"какой праздник", r"қандай мереке", r"kvartir", r"квартир", r"пәтер",
        r"водительск\w* (прав|удостовер)", r"президент (казахстан|рк|страны)",
        r"driv(ing|er'?s) licen", r"жүргізуші куәлі", r"licen[cs]e plate",
    ),
    "licences": (
        r"(building|construction|import|export|business|alcohol|environmental|trade|parking|"
        r"driving|firearm|gun|mining|medical|pharmac\w*|banking|tour\w*) (permit|licen[cs]e)",
        r"permit to (build|construct|carry|import|export|sell)",
        r"licen[cs]e to (sell|trade|import)",
        r"разрешени\w* на (строительств|стройк|оружи|импорт|экспорт)", r"строительн\w* лицензи",
        r"лицензи\w* на (импорт|экспорт|торговл|алкогол|строительн|медицин|туристическ)",
        r"құрылыс\w* (рұқсат|лицензия)", r"импорт\w* лицензия",
    ),
}  # fmt: skip
# A foreign worker's spouse, children, family as the ones asked about ("a permit for the worker's
# wife", "do his kids need"): rules-facts.md says nothing about them, so the migration service's
# pointer, not the worker's card. Family named in passing ("moving with his family") is not this.
_KIN_EN = r"(wife|husband|spouse|kids|children|child|newborn|baby|family members?|dependa?e?nts?)"
_KIN_RU = r"(жена|муж|супруга?|дети|ребенок|семья|члены семьи)"
_FAMILY = re.compile(
    rf"\b(for|to) (the |his |her |their |our |a |an |my )?(\w+'s )?{_KIN_EN}\b|"
    r"\b(family members?|relatives|dependa?e?nts?) of (a |the |an |our )?(foreign )?"
    r"(worker|employee|specialist|expat)|"
    rf"\b{_KIN_EN}('s)? (\w+ )?(need|needs|get|gets|go|work|works|stay|live|apply|require|visa)|"
    r"\b(жене|жену|мужу|супруг(е|у|ам)|детям|детей|ребенк[уа]|семье|членам семьи)\b|"
    r"\b(для|на) (\w+ )?(жены|мужа|супруг\w*|семьи)\b|"
    rf"\b{_KIN_RU} (\w+ ){{0,2}}(нужн|может|могут|долж|получ|работать|учиться|хоч|тоже|также)|"
    r"(әйел|жұбай|отбасы|бала|балалар)(ы|і)?(на|не|ына|іне|ларына|ға|ге|н|ын|ін)\b|"
    r"отбасы мүшелер|\bа[йи]ел(ине|ин)\b|\bбалалар(ына|ын|га)\b"
)
_FAMILY_SKELETONS = ("jene", "jenu", "supruge", "detiam", "detei", "aieline", "balalarin",
                     "balalarga", "otbasina", "semie")  # fmt: skip
# A Kazakh citizen's work abroad, even named "a work permit": travel (the embassy's), not ours.
_ABROAD = re.compile(
    r"(граждан\w* (рк|казахстана)|казахстанц\w*).{0,40}\b(в|во) (корее|германии|сша|польше|"
    r"турции|оаэ|китае|европе|чехии|японии|англии|великобритании|израиле|канаде)|"
    r"(работать|работы|работу) (в|во) (корее|германии|сша|польше|европе|чехии|японии|англии|"
    r"великобритании|израиле|канаде|оаэ)|"
    r"kazakh(stan)? citizens?.{0,40}\b(in|to) (south )?(korea|germany|the us|usa|the uk|poland|"
    r"europe|japan|canada|israel|the uae)|"
    r"\b(work|job|jobs|working) in (south )?(korea|germany|the us|usa|the uk|poland|europe|japan|"
    r"canada|israel|the uae)"
)
_COMPILED = {domain: [re.compile(p) for p in patterns] for domain, patterns in _DOMAINS.items()}
# Latin-typed Russian/Kazakh: the same words' skeletons, for a few unambiguous stems.
_SKELETONS = {
    "tax": ("nalog", "salik"), "labour": ("otpusk", "zarplat", "jalaki", "progul"),
    "residence": ("grajdanstv", "propisk", "kandas", "azamatik", "azamatig"),
    "chatter": ("pogod",),
}  # fmt: skip
# Latin-typed words as a whole (too short for a stem) and phrases, on the skeletons in order.
_CITIZEN_SPELT = (
    r"(grajdan\w* (rk|kazahstana)|kazahstanc\w*|kazakstandik\w*|(kr|kazakstan) azamat\w*)"
)
_NEED_SPELT = r"(nujn\w*|nujen|kerek|trebuet\w*|need\w*)"
_SKELETON_PHRASES = {
    "tax": r"\b(nds|kks|ipn|kpn)\b",
    "labour": r"\b(mrot|mzp)\b|\bdemalis\w*\b(?!\s*kun)",
    # "ТОО" spelt "too" has the skeleton "to" (doubled letters merge).
    "company": r"\b(zaregistr|registrir|registraci|otkri|otkrit)\w* (to|ip|kompani\w*|firm\w*)\b|"
    r"\b(jshs|to|ip) (ashu|ashi|tirke\w*|otkrit\w*|registrir\w*|registraci\w*)",
    "citizens": rf"\b{_NEED_SPELT}( li)? {_CITIZEN_SPELT} (\w+ )?(razresh|ruksat)|"
    rf"\b{_NEED_SPELT}( li)? (razresh|ruksat)\w* (\w+ ){{0,2}}{_CITIZEN_SPELT}|"
    rf"\b{_CITIZEN_SPELT} (\w+ ){{0,2}}{_NEED_SPELT} (\w+ )?(razresh|ruksat)|"
    rf"\b{_CITIZEN_SPELT} (\w+ ){{0,2}}(ruksat|razresh)\w* (\w+ )?{_NEED_SPELT}",
    "travel": r"\bviz\w* (v|vo|dlia) (kore|german|ssha|kita|evrop|turci|oae|angli|amerik)|"
    r"\b(kore|german|kitai|evrop|turci|amerik)\w* viz",
}
_SKELETON_COMPILED = {domain: re.compile(pattern) for domain, pattern in _SKELETON_PHRASES.items()}
# Dismissal itself is labour law; a foreigner's or a permit's end is ours (the early-end card).
_DISMISS = re.compile(
    r"как (правильно )?уволить|how (do (i|we) |to |can (i|we) )(fire|dismiss|terminate)|"
    r"жұмыстан (шығару|босату)|uvolit"
)
# A neighbour's word that a permit word beside it makes ours ("a patent or a permit?").
_UNLESS_PERMIT = ((re.compile(r"патент|\bpatent\b"), "residence"),)
_PERMIT = re.compile(r"разрешени|permit|рұқсат|руксат|ruqsat|razresh")
_FOREIGN = re.compile(
    r"иностран|foreign|expat|шетел|мигрант|migrant|permit|разрешени|рұқсат|ruqsat"
)


# A neighbouring word beside a work-permit one is a work-permit question ("do residence-permit
# holders need a quota", "is the permit fee a tax"): the knowledge answers it.
_OURS = re.compile(
    r"квот|quota|\bсбор\w*|\bfee\b|\blevy|алым|"
    r"\bрнр\b|70 ?/ ?90|соотношени|арақатынас|\bratio\b|local (staff|content)"
)
# "Work permit" named in passing is ours too, unless the question is plainly a neighbour's
# ("annual leave for a worker on a work permit", "permanent residence after the permit").
_PERMIT_NAMED = re.compile(r"разрешени\w* на работу|work permit|жұмысқа рұқсат")
_PLAINLY_NEIGHBOUR = re.compile(
    r"annual leave|paid (leave|holiday|vacation)|sick leave|maternity|minimum wage|\bмзп\b|"
    r"отпуск|больничн|\bvat\b|\bндс\b|\bққс\b|tax residen|income tax|corporate tax|\bипн\b|"
    r"permanent resid|\bпмж\b|naturali[sz]|become a (kazakh(stan)? )?citizen|"
    r"(get|obtain|apply for|acquire) (kazakh(stan)? )?citizenship|получ\w* гражданств|"
    r"азаматтық ал|register (a |an |my |our )?(company|business|llp|firm)|bank account|"
    r"insurance|страхов|сақтандыр|labour code|трудов\w* кодекс|еңбек кодекс|"
    r"\boralman|\bkandas|оралман|[кқ]андас|тұрақты тұру|(регистрац|зарегистрир|открыт)\w* "
    r"(ип|тоо|компани|фирм)|(жк|жшс)\w* тірке|демалыс(?!\w* күн)"
)
# A Kazakh citizen's own permit: the Rules (and this bot) cover foreign labour only.
_CITIZEN = (
    r"(kazakh(stan)?|local) (citizens?|nationals?|staff|people|workers?|employees?)|"
    r"kazakhs|locals|citizens? of kazakhstan|"
    r"граждан\w* (рк|казахстана|республики казахстан)|казахстанц\w*|қазақстандық\w*|"
    r"(қр|қазақстан|жергілікті) азамат\w*|казакстан азамат\w*"
)
_NEED = r"(need|needs|require|requires|нужн\w*|нужен|требуется|обязан\w*|керек|қажет)"
_CITIZENS_OWN = re.compile(
    rf"\b({_CITIZEN}) (\w+ ){{0,2}}{_NEED} (\w+ ){{0,2}}(a |an )?(work )?(permit|разрешени)|"
    rf"\b{_NEED}( ли)? (\w+ ){{0,2}}({_CITIZEN}) (\w+ ){{0,2}}(a |an )?(work )?(permit|разрешени)|"
    rf"\b(permit|разрешени\w*) (\w+ ){{0,2}}(for|для) ({_CITIZEN})\b|"
    rf"\b({_CITIZEN}) (\w+ ){{0,2}}(рұқсат|руксат)\w* (\w+ )?(керек|қажет)|"
    rf"\b({_CITIZEN}) (\w+ ){{0,2}}(без разрешени|without (a )?(work )?permit|рұқсатсыз)"
)
# Married to a Kazakh citizen is the foreigner's own question, not a citizen's.
_MARRIED = re.compile(r"married|spouse|wife|husband|замуж|женат|супруг|тұрмыс|үйлен")


@lru_cache(maxsize=4096)  # bounded: the keys are whatever users type
def out_of_scope(question: str) -> str | None:
    """The neighbouring domain ``question`` belongs to ("tax", "labour"...), or None."""
    text = normalize(question)
    spelt = {skeleton(word) for word in re.findall(r"[a-z]+", text)}
    if _FAMILY.search(text) or any(w.startswith(_FAMILY_SKELETONS) for w in spelt):
        return "family"
    if _ABROAD.search(text):
        return "travel"
    if _CITIZENS_OWN.search(text) and not _MARRIED.search(text):
        return "citizens"
    if _OURS.search(text):
        return None
    if _PERMIT_NAMED.search(text) and not _PLAINLY_NEIGHBOUR.search(text):
        return None
    if _DISMISS.search(text) and not _FOREIGN.search(text):
        return "labour"
    for pattern, domain in _UNLESS_PERMIT:
        if pattern.search(text) and not _PERMIT.search(text):
            return domain
    for domain, patterns in _COMPILED.items():
        if any(pattern.search(text) for pattern in patterns):
            return domain
    in_order = " ".join(skeleton(word) for word in re.findall(r"[a-z]+", text))
    for domain, phrase in _SKELETON_COMPILED.items():
        if phrase.search(in_order):
            return domain
    for domain, stems in _SKELETONS.items():
        if any(word.startswith(stem) for word in spelt for stem in stems):
            return domain
    return None
