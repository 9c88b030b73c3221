"""The one answer to a question: the card's topic, or a refusal, for the handler and the evaluation.

Search finds the topic; later stages (out-of-scope model, situation) refine what is answered.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from knowledge import answers
from knowledge.consult import Outcome, consult
from knowledge.deadlines import TraceStep
from knowledge.l10n import Lang
from knowledge.scope import out_of_scope
from knowledge.situation import extract
from knowledge.textnorm import normalize

# "How many foreigners may we take": the ratio's question, whatever else the words match.
_HOW_MANY_FOREIGNERS = (
    r"(сколько|how many|неше|қанша|skolko)\s+(можно\s+|можем\s+|more\s+|еще\s+)?"
    r"(иностран|foreign|expat|шетел|inostran)"
)
_PERMIT_WORD = r"(?=.*(permit|разрешени|рұқсат|руксат|ruqsat|ruksat|razresh))"
# A permit moved to another company or employer: it cannot be (the issuer's card says so), which
# is not an intra-corporate transfer of a worker. Kazakh "ауыстыру" is both "replace" and
# "transfer": beside "another employer/company" it is the transfer.
_OTHER_EMPLOYER = (
    r"смен\w* работодател|(другому|новому|другого|нового|другой|новый) работодател|"
    r"переоформ\w* (\w+ )?(\w+ )?на (друг|нов|нас\b|нашу|себя)|"
    r"жұмыс беруші\w* ауыстыр|басқа жұмыс беруші|баска жумыс беруши|"
    r"chang\w* (of |the |their |his |her )?employers?|switch\w* employers?|"
    r"(another|a new|different|other) employer|new employer|"
    rf"^{_PERMIT_WORD}.*((друг|нов|сестринск)\w* (компани|фирм|организац|тоо)|"
    r"(басқа|баска|basqa|baska) (компания|ұйым|фирма|жшс|kompania)|"
    r"(another|sister|different|other|new|a related) (\w+ )?(company|entity|llp|firm))|"
    r"permits? (move|go|transfer)\w* with"
)
# A worker moved within a group from abroad (head office, parent, branch): the ICT card's, even
# with "another company" beside it.
_GROUP = (
    r"головн|материнск|дочерн|филиал|\bhq\b|head ?office|headquarters|parent|branch|subsidiar|"
    r"second|бас (кеңсе|компания|офис)|еншілес|\bgroup|holding|affiliat|групп|холдинг|"
    r"\bтоб(ы|ы[нң])"
)
# The permit itself moved ("transfer the permit to our subsidiary"): it cannot be, group or not.
_PERMIT_MOVED = (
    r"(перевест|переоформ|передат|перенест)\w* (\w+ )?разрешени\w* (\w+ )?(в|на) |"
    r"(transfer|move|reissue|re-issue)\w* (the |an |a |his |her |our |my |this |their )?"
    r"(existing |current |valid )?(work )?permits? (to|into|for|over)|"
    r"(рұқсат|руксат|ruqsat|ruksat)\w* (\w+ ){1,3}(ауыстыр|auystyr|ауыстир)"
)
_ICT = (
    r"\bикт\b|\bict\b|внутрикорп|\bвкп\b|корпоративішілік|intra.?corporate|intracorporate|"
    r"intra.?company"
)
_MOVED = re.compile(rf"{_PERMIT_MOVED}|^(?!.*({_GROUP})).*({_OTHER_EMPLOYER})")
# Its one-line answer: the issuer fact's own sentence, before the card.
_NOT_TRANSFERABLE = Outcome(
    "permit-no-transfer", "portals", (TraceStep("situation-no-transfer"),), ("permit.issuer",)
)
# A word that settles which of two neighbouring cards is asked about, whatever the search ranks
# first: (cards it refines, the cue on the normalised text, the card meant).
_REFINE: tuple[tuple[frozenset[str] | None, re.Pattern[str], str], ...] = (
    (None, _MOVED, "portals"),
    (frozenset({"quota", "fees", "fee.payment"}), re.compile(_ICT), "route.ict"),
    (
        # "Is an apostille needed on the diploma": the documents card; the MFA's check is asked
        # by naming the ministry or the check.
        frozenset({"mfa_check"}),
        re.compile(r"^(?!.*(мид|\bmfa\b|\bсім|сыртқы істер|foreign affairs|иностранных дел|"
                   r"провер|check|verif|тексер|подлинн|authentic|сколько|how long|қанша)).*"),
        "documents",
    ),
    (
        # "Documents for a category 4 permit": the documents card, not the category's (a refusal
        # over documents stays the refusal's).
        frozenset({"route.cat1", "route.cat2", "route.cat3", "route.cat4", "route.seasonal",
                   "refusal", "ban", "changes"}),
        re.compile(r"^(?!.*(отказ|отказал|refus|reject|revok|отзыв|бас тарт|denied)).*"
                   r"(документ|dokument|құжат|qujat|\bdocs?\b|\bdocuments?\b|paperwork)"),
        "documents",
    ),
    (
        # A foreigner let go, "notify the akimat within": the early end's notice, not arrival's.
        frozenset({"arrival"}),
        re.compile(r"terminat|dismiss|\bfired\b|let go|resign|уволи|увольн|расторг|"
                   r"жұмыстан (шығ|босат)|шартты (бұз|тоқтат)"),
        "early_end",
    ),
    (
        # "Is an ICT exempt from the quota": the ICT card (outside the quota), not the ratio's.
        frozenset({"ratio", "route.ict"}),
        re.compile(r"^(?!.*(квот|quota|kvot)).*(освобожд|exempt|босат|не распространя|"
                   r"не касается|does not apply|исключени|льгот|жеңілдік|break on|relief)"),
        "ratio.exemptions",
    ),
    (
        frozenset({"route.cat4", "renewal.count"}),
        re.compile(r"замен|replace|substitut|алмастыр|ауыстыр"),
        "cat4.replacement",
    ),
    (
        frozenset({"renewal.count"}),
        re.compile(r"^(?!.*(сколько раз|how many (times|renewals)|неше рет|қанша рет|limit|лимит))"
                   r".*(за сколько дней|days before|how (early|far in advance)|күн бұрын)"),
        "renewal.window",
    ),
    (
        # Filing after the permit has ended: the missed-renewal card, not the window's.
        frozenset({"renewal.window", "renewal.count"}),
        re.compile(r"(after|once) (it|the permit|our permit) (has )?(expired|ended|lapsed)|"
                   r"истекл|ист[её]к\b|закончил\w* (уже|вчера)|уже закончил|просрочен|"
                   r"мерзімі (өтіп|бітіп) кет|өтіп кетті|already expired|кешіктір|кешігіп|"
                   r"опоздал|пропустил|missed|too late"),
        "renewal.late",
    ),
    (
        # "When do we file the renewal" without an ICT named: the renewal window's card (the
        # ICT's own renewal window shares the words).
        frozenset({"route.ict"}),
        re.compile(rf"^(?!.*({_ICT}|head ?office|головн|бас кеңсе|transfer|перевод|ауыстыр)).*"
                   r"(продл|renew|extend|ұзарт|узарт|uzart|prodl)"),
        "renewal.window",
    ),
    (
        # A foreigner's visa (C3) is on the arrival card; a Kazakh citizen's abroad is refused
        # before the search (scope).
        frozenset({"ratio", "ratio.exemptions", "documents", "portals", "route.cat1", "eaeu"}),
        re.compile(r"\bвиз[аыу]\w*|визаны|\bvisa\b"),
        "arrival",
    ),
    (
        # "How much is a category 2 permit": the fee's card (one fee for every category).
        frozenset({"route.cat1", "route.cat2", "route.cat3", "route.cat4"}),
        re.compile(r"сколько стоит|стоимость|\bcost|\bprice|тұрады|\bқұны|\bсбор|\bfee\b|levy|"
                   r"\bалым|skolko stoit"),
        "fees",
    ),
    (
        # "When do we pay the fee": the payment deadline's card, not the amount's.
        frozenset({"fees"}),
        re.compile(r"^(?!.*(сколько|how much|қанша|skolko)).*(когда (платить|оплат|заплат)|"
                   r"до какого|when (do|should|must) we pay|when to pay|deadline|қашан төле)"),
        "fee.payment",
    ),
    (
        # "When to file the renewal" shares "беру" (to file, to give) with the issuer's card.
        frozenset({"portals", "framework"}),
        re.compile(r"^(?!.*(где|қайда|qaida|kaida|where|сайт|site|portal|портал)).*"
                   r"(продл|renew|extend|ұзарт|узарт|uzart|prodl)"),
        "renewal.window",
    ),
    (None, re.compile(_HOW_MANY_FOREIGNERS), "ratio"),
    (
        # The register named outright is the register's question ("the ESUTD notice: 5 or 10
        # working days?"), not the fee notice's or the deadline's that share its words.
        frozenset({"early_end", "fee.payment", "fees", "decision", "renewal.window", "arrival"}),
        re.compile(r"есутд|esutd|ешебж|еңбек шарттарының"),
        "esutd",
    ),
    (None, re.compile(rf"^(?!.*(местн|local|жергілікт|{_ICT})).*(квот|quota|kvot)"), "quota"),
    (
        frozenset({"renewal.window", "portals", "decision", "daycount"}),
        re.compile(r"ваканс|vacanc|бос орын|vakans|job (ad|advert|posting)"),
        "vacancy",
    ),
    (
        frozenset({"fees"}),
        re.compile(r"^(?!.*(стоит|cost|price|тұрады|сбор|levy|fee|алым|сколько платить))"
                   r".*(мрп|\bmci\b|\bаек\b|\bmrp\b)"),
        "mci",
    ),
    (
        None,
        re.compile(r"календарн\w* или рабоч|рабоч\w* или календарн|calendar or working|"
                   r"working or calendar|күнтізбелік пе|calendar days\?|"
                   r"(день|дата|day)\w* .{0,30}(входит|включа|считается)|"
                   r"(входит|включается|считается) ли (день|дата)|"
                   r"is the (first|last|publication) day (included|counted)|күні кіре ме"),
        "daycount",
    ),
)  # fmt: skip


def _refined(question: str, hits: list[str]) -> list[str]:
    text = normalize(question)
    for cards, cue, meant in _REFINE:
        if hits and (cards is None or hits[0] in cards) and cue.search(text):
            return [meant, *(hit for hit in hits if hit != meant)]
    return hits


@dataclass(frozen=True)
class Reply:
    topic_id: str | None  # the card to show; None: refused
    others: tuple[str, ...] = ()  # the next closest topics
    scope: str | None = None  # refused as a neighbouring domain ("tax"...): scope-<domain>
    outcome: Outcome | None = None  # the answer for the situation the question states

    @property
    def situation(self) -> str | None:
        """The key of the situational answer, if the question stated a situation."""
        return self.outcome.key if self.outcome else None


_WHICH_CATEGORY = re.compile(r"категори|categor|санат|kategor|sanat")
# "Which positions count as category 2": the category's definition, its card.
_DEFINITION = re.compile(
    r"which (positions|jobs|roles|employees)|who (is|counts|falls)|кто относится|какие должности|"
    r"кого относят|кім жатады|қандай лауазым"
)


def _job_route(question: str, today: dt.date, hits: list[str]) -> list[str]:
    """A job title names its category's card when the question speaks of categories, when the
    search found nothing, or a card of another category. (A category named outright is the
    search's unless it found nothing.)"""
    situation = extract(question, today)
    route = situation.route
    if route is None or (route in {"seasonal", "ict"} and not situation.route_stated):
        return hits
    meant = f"route.{route}"
    text = normalize(question)
    asked = _DEFINITION.search(text) or (
        not situation.route_stated and _WHICH_CATEGORY.search(text)
    )
    if asked or not hits or (hits[0].startswith("route.") and hits[0] != meant):
        return [meant, *(hit for hit in hits if hit != meant)]
    return hits


_DOCUMENTS = re.compile(r"документ|dokument|құжат|qujat|kujat|kuzhat|\bdocs?\b|paperwork|справк")


def _documents(question: str, today: dt.date, hits: list[str]) -> list[str]:
    """Documents for a citizen of India: the documents card, not the EAEU one a non-EAEU
    citizenship ranks first (an EAEU citizen's documents question stays the EAEU card's)."""
    if not hits or hits[0] != "eaeu" or not _DOCUMENTS.search(normalize(question)):
        return hits
    situation = extract(question, today)
    if situation.country is None or situation.eaeu:
        return hits
    return ["documents", *(hit for hit in hits if hit != "documents")]


def ask(question: str, lang: Lang, today: dt.date) -> Reply:
    """What to answer to ``question`` asked on ``today`` (the user's calendar date)."""
    if domain := out_of_scope(question):
        return Reply(None, scope=domain)
    hits = _refined(question, [hit.topic_id for hit in answers.search(question, lang, limit=3)])
    hits = _documents(question, today, _job_route(question, today, hits))
    if hits and hits[0].startswith("route."):  # a job's card settled by one word ("replaced")
        hits = _refined(question, hits)
    outcome = consult(question, hits[0] if hits else None, today)
    if outcome is None and hits[:1] == ["portals"] and _MOVED.search(normalize(question)):
        outcome = _NOT_TRANSFERABLE
    best = outcome.topic_id if outcome and outcome.topic_id else (hits[0] if hits else None)
    if best is None:
        return Reply(None)
    others = tuple(topic_id for topic_id in hits if topic_id != best)[:2]
    return Reply(best, others, outcome=outcome)
