"""Answers for the situation a question states, from the rules core, as a consultant would.

"We are 14 people" runs the ratio check, "an Uzbek welder" the EAEU rule, "category 2, how long"
the route's term and renewals, "signed on 2 February" the deadline for that event. Each outcome is
trace steps (rendered as the card's first line) and the facts they rest on; the card follows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from babel import Locale

from knowledge import deadlines
from knowledge.deadlines import DateResult, TraceStep
from knowledge.l10n import Lang
from knowledge.loader import load_knowledge
from knowledge.ratio import check_ratio
from knowledge.render import render_trace
from knowledge.situation import Situation, extract
from knowledge.textnorm import normalize, skeleton

_BABEL = {"ru": "ru", "kk": "kk", "en": "en"}


@dataclass(frozen=True)
class Outcome:
    key: str  # "ratio-exempt", "eaeu-no-permit", "term-cat2", "date-esutd"...
    topic_id: str | None  # the card for this situation; None: the search's card
    steps: tuple[TraceStep, ...]  # the one-line answer, then its reasoning
    fact_ids: tuple[str, ...]


# Cues: patterns on the normalised text, then (Latin) on its skeleton for other scripts.
_CUES: dict[str, tuple[str, ...]] = {
    "ratio": (r"соотнош|ratio|арақатынас|местн\w* (кадр|работник)|local (staff|content)|"
              r"\d+ ?(%|percent|процент) (locals|местн)|locals|70 ?%? ?/ ?90|дол\w* местн|"
              r"share of (locals|kazakh)|local hir|\b70 (и |на |and )?90\b|"
              r"по доле|\bдол[яиюе] (иностран|местн|казахстан)|"
              r"(сколько|how many|неше|қанша) (можно )?(иностран|foreign|expat|шетел)",
              r"sotnosh|aratinas|arakatinas|70/90|skolko inostran"),
    "term": (r"срок|на сколько|сколько действ|действует|valid|жарамды|how long|\bterm\b|duration|"
             r"length|мерзім|неше (жыл|күн|ай)|"
             r"қанша мерзім|қанша уақыт|қанша (жыл|ай)|продл|renew|extend|ұзарт|"
             r"how many (days|years|months)",
             r"srok|na skolko|prodl|uzart|merzim|neshe (jil|kun|ai)|kansha merzim"),
    "renewal": (r"продл|renew|extend|ұзарт", r"prodl|uzart"),
    "can_renew": (r"можно (ли )?продл|продлева\w*\s*\?|can (a |an |the |we |it )?.{0,40}"
                  r"(be )?(renew|extend)|ұзартуға бола|ұзарта ала",
                  r"mojno (li )?prodl|uzartuga bola"),
    "total": (r"общ\w* срок|до скольки лет|максимальн\w* срок|в общей сложности|всего лет|"
              r"total (years|term|time)|maximum (term|years|period)|in total|барлығы|жалпы мерзім",
              r"obsh\w* srok|barligi"),
    "count": (r"скольк\w* (раз|продлен)|(second|third|fourth|2nd|3rd|4th) time|"
              r"в (третий|четвертый|второй) раз|(екінші|үшінші|төртінші) рет|"
              r"\d+ (раз|раза|times|рет)\b|еще раз|ещё раз|one more time|"
              r"тағы бір рет|how many (times|renewals|extensions)|many times|"
              r"несколько раз|бірнеше рет|неше (рет|мәрте)|"
              r"қанша рет", r"skolko raz|neshe ret|kansha ret"),
    "duration": (r"срок|на сколько|сколько (он |оно |она )?действ|how long|\bterm\b|duration|"
                 r"length|мерзім|неше (жыл|күн|ай)|қанша (жыл|ай)",
                 r"srok|na skolko|merzim|neshe (jil|kun|ai)"),
    "vacancy": (r"ваканс|vacanc|бос орын|job (ad|advert|posting)|объявлени\w* о работе",
                r"vakans"),
    "need_permit": (r"нужн\w* (ли )?(ему |им )?(разрешени|рнр)|(разрешени\w*|рнр) (нужн|надо)|"
                    r"need (a |the )?(work )?permit|permits? (needed|required)|"
                    r"рұқсат (керек|қажет)",
                    r"nujn\w* (li )?razresh|ruksat (kerek|kajet)"),
    "hire": (r"пригласит|нанять|нанимать|нанимаем|(взять|берем|берём) (\d+ )?иностран|"
             r"хотим (взять|оформить)|взять на работу|hire|hiring|employ|"
             r"bring in|алмақ|жалда|шетел\w* (\w+ )?(ал|қабылда)|шетелдик ал|жұмысқа (ал|қабылда)",
             r"priglasit|nania|hire|sheteldik al"),
    "esutd": (r"есутд|esutd|ешебж|трудов\w* договор|contract|еңбек шарт", r"esutd|dogovor"),
    "dismissal": (r"уволи|увольн|dismiss|fired|ended|terminat|шығар", r"uvol"),
    "fee": (r"сбор|\bfee\b|алым", r"sbor"),
    "arrival": (r"прибы|приех|прилет|въех|заех|arriv|landed|entered|came to|flew in|келді|кірді",
                r"pribi|priehal|priletel|keldi|kirdi"),
    "ban": (r"нарушени|violation|бұзушылық", r"narushen"),
    "trip": (r"командиров|business trip|іссапар|(другой|другом|другую) (регион|город|област)|"
             r"another (region|city|oblast)|басқа (өңір|облыс|қала)|sent to|posted to|relocat",
             r"komandirov"),
}  # fmt: skip


@dataclass(frozen=True)
class _Asked:
    """A question with what it states, the search's topic and the user's today."""

    s: Situation
    topic_id: str | None
    on: dt.date
    text: str  # normalised
    spelt: str  # its skeleton, for cues typed in another script

    def cue(self, name: str) -> bool:
        own, other = _CUES[name]
        return bool(re.search(own, self.text) or re.search(other, self.spelt))


def consult(question: str, topic_id: str | None, today: dt.date) -> Outcome | None:
    """The situational answer to ``question`` (its search topic ``topic_id``), if it states one."""
    text = normalize(question)
    spelt = " ".join(skeleton(word) for word in text.split())
    asked = _Asked(extract(question, today), topic_id, today, text, spelt)
    for answer in (_ratio, _date, _trip, _seasonal_fee, _eaeu, _term, _non_eaeu):
        if outcome := answer(asked):
            return outcome
    return None


def _ratio(a: _Asked) -> Outcome | None:
    hiring = a.cue("hire") and not a.s.eaeu  # "35 people, we want 3 engineers from China"
    about_ratio = a.cue("ratio") or hiring or a.topic_id in {"ratio", "ratio.exemptions"}
    if a.s.headcount is None or not about_ratio:
        return None
    if a.s.eaeu and not a.cue("ratio"):  # "60 staff, hiring a Kyrgyz driver": no permit at all
        return None
    result = check_ratio(a.on, a.s.headcount, True, False, 0, 0, 0, 0)
    fact = load_knowledge().fact("ratio.exempt.small_business", a.on)
    steps = result.trace[:1]
    if result.exempt:
        since = TraceStep("situation-ratio-since", {"since": fact.effective_from})
        return Outcome("ratio-exempt", "ratio.exemptions", (*steps, since), result.fact_ids)
    low, high = deadlines.pair("ratio.local_share")
    applies = TraceStep("situation-ratio-applies", {"low": low, "high": high})
    return Outcome("ratio-applies", "ratio", (*steps, applies), result.fact_ids)


_EVENTS: tuple[tuple[str, str, str, Callable[[dt.date], DateResult]], ...] = (
    ("vacancy", "date-vacancy", "vacancy", deadlines.earliest_filing),
    ("fee", "date-fee", "fee.payment", deadlines.fee_payment),
    ("arrival", "date-arrival", "arrival", deadlines.arrival_notification),
    ("ban", "date-ban", "ban", deadlines.ban_end),
)


def _date(a: _Asked) -> Outcome | None:
    if not a.s.dates:
        return None
    day = a.s.dates[0]
    if a.cue("renewal"):
        route = a.s.route if a.s.route in {"cat1", "cat2", "cat3", "cat4", "ict"} else "cat3"
        result = deadlines.renewal_window(day, route)
        last_day = result.dates.get("last_day")
        # The last filing day already behind the user: the missed-renewal card, with the dates.
        late = last_day is not None and last_day < a.on
        return _from_date("date-renewal", "renewal.late" if late else "renewal.window", result)
    if a.cue("esutd"):
        dismissed = a.cue("dismissal")
        result = (deadlines.esutd_termination if dismissed else deadlines.esutd_registration)(day)
        return _from_date("date-esutd", "esutd", result)
    for cue, key, topic, compute in _EVENTS:
        if a.cue(cue):
            return _from_date(key, topic, compute(day))
    return None


def _trip(a: _Asked) -> Outcome | None:
    """Work in another region for a stated span, against the yearly business-trip limit."""
    elsewhere = a.cue("trip") or len(a.s.regions) >= 2 or a.topic_id == "business_trips"
    if not elsewhere or (a.s.months is None and a.s.days is None):
        return None
    limit = int(str(load_knowledge().fact("territory.business_trips", a.on).value))
    # A month is 28 to 31 days: only a span on one side of the limit either way is decided.
    low = a.s.days if a.s.days is not None else 28 * (a.s.months or 0)
    high = a.s.days if a.s.days is not None else 31 * (a.s.months or 0)
    key = "trip-over" if low > limit else "trip-within" if high <= limit else "trip-borderline"
    span = {"days": a.s.days or 0, "months": 0 if a.s.days is not None else a.s.months or 0}
    step = TraceStep(f"situation-{key}", {**span, "limit": limit})
    return Outcome(key, "business_trips", (step,), ("territory.business_trips", "permit.issuer"))


def _seasonal_fee(a: _Asked) -> Outcome | None:
    """ "Seasonal fee for 200 days": the shortest seasonal term that covers the span, its MCI
    count and the amount with the MCI of this year (routes.toml, facts.toml)."""
    if a.s.route != "seasonal" or not a.cue("fee") or (a.s.days is None and a.s.months is None):
        return None
    kb = load_knowledge()
    terms = sorted(kb.route("seasonal").term_days)
    # A month is 28 to 31 days: a span in months is decided only when both ends fit one term.
    low = a.s.days if a.s.days is not None else 28 * (a.s.months or 0)
    high = a.s.days if a.s.days is not None else 31 * (a.s.months or 0)
    span = {"days": a.s.days or 0, "months": 0 if a.s.days is not None else a.s.months or 0}
    fact_ids = tuple(kb.route("seasonal").fact_ids)
    if low > terms[-1]:
        step = TraceStep("situation-seasonal-over", {**span, "max": terms[-1]})
        return Outcome("seasonal-over", "route.seasonal", (step,), fact_ids)
    term = next(term for term in terms if term >= low)
    if high > term:  # "3 months": 84 to 93 days, up to 90 or up to 180
        return None
    try:
        fee = kb.seasonal_fee(term, a.on.year)
    except ValueError:
        return None
    args: dict[str, dt.date | int | str] = {
        **span,
        "term": fee.days,
        "mci": fee.mci_count,
        "year": str(fee.year),
    }
    if fee.amount_kzt is None:
        step = TraceStep("situation-seasonal-fee-nomci", args)
    else:
        step = TraceStep("situation-seasonal-fee", {**args, "amount": fee.amount_kzt})
    return Outcome("seasonal-fee", None, (step,), fee.fact_ids)


def _from_date(key: str, topic_id: str, result: DateResult) -> Outcome:
    return Outcome(key, topic_id, result.trace, result.fact_ids)


def _eaeu(a: _Asked) -> Outcome | None:
    if not a.s.eaeu:
        return None
    step = TraceStep("situation-eaeu", {"country": (a.s.country or "").upper()})
    return Outcome("eaeu-no-permit", "eaeu", (step,), ("eaeu.exempt",))


def _non_eaeu(a: _Asked) -> Outcome | None:
    if a.s.country is None or a.s.eaeu:
        return None
    step = TraceStep("situation-permit-needed", {"country": a.s.country.upper()})
    # A job named beside the country ("an Uzbek welder"): that category's card.
    # "Permit needed or not?" about a citizenship alone: the card that says who needs none.
    route = a.s.route if a.s.route in {"cat1", "cat2", "cat3", "cat4"} else None
    asks = a.cue("need_permit")
    topic = f"route.{route}" if route and (asks or a.topic_id in {None, "eaeu"}) else None
    return Outcome("permit-needed", topic or ("eaeu" if asks else None), (step,), ("eaeu.exempt",))


def _term(a: _Asked) -> Outcome | None:
    route_id = a.s.route
    searched = a.topic_id or ""
    if searched.startswith("route.") and (route_id is None or not a.s.route_stated):
        route_id = searched.removeprefix("route.")
    if route_id is None or not (a.cue("term") or a.cue("total")):
        return None
    outcome = route_term(route_id)
    if searched == "cat4.replacement":  # "how soon must they be replaced": that card
        return Outcome(outcome.key, None, *_rest(outcome))
    if a.cue("total") or (a.cue("count") and not a.cue("duration")):
        # "How many times", not "how long": the renewals card, with this route's answer.
        return Outcome(outcome.key, "renewal.count", outcome.steps, outcome.fact_ids)
    if searched == "renewal.count" and not a.cue("duration"):
        # "Can a category 4 permit be renewed?" is that route's; otherwise the search's card.
        can = a.s.route_stated and a.cue("can_renew")
        return Outcome(outcome.key, None if not can else outcome.topic_id, *_rest(outcome))
    return outcome


def _rest(outcome: Outcome) -> tuple[tuple[TraceStep, ...], tuple[str, ...]]:
    return outcome.steps, outcome.fact_ids


def route_term(route_id: str) -> Outcome:
    """A route's term and renewals, from routes.toml."""
    route = load_knowledge().route(route_id)
    name = {"route": route_id}
    if route.term_days:
        term = TraceStep("situation-term-days", {**name, "days": _list(route.term_days)})
    elif route.max_term_months:
        term = TraceStep("situation-term-upto", {**name, "months": route.max_term_months})
    else:
        term = TraceStep("situation-term-months", {**name, "months": _list(route.term_months)})
    months = route.max_renewal_months or _list(route.renewal_term_months)
    if not route.renewable:
        renew = TraceStep("situation-renew-none")
    elif route.max_renewals is None:
        renew = TraceStep("situation-renew-unlimited", {"months": months})
    else:
        renew = TraceStep("situation-renew-max", {"count": route.max_renewals, "months": months})
    return Outcome(f"term-{route_id}", f"route.{route_id}", (term, renew), tuple(route.fact_ids))


def _list(values: list[int]) -> str:
    return "/".join(str(value) for value in values)


def render(outcome: Outcome, lang: Lang) -> str:
    """The outcome as one plain-text line (the handler escapes it)."""
    steps = [_localised(step, lang) for step in outcome.steps]
    return " ".join(render_trace(steps, lang))


def _localised(step: TraceStep, lang: Lang) -> TraceStep:
    """Route ids and country codes named in their language."""
    args = dict(step.args)
    if isinstance(route_id := args.get("route"), str):
        args["route"] = load_knowledge().route(route_id).name.get(lang)
    if isinstance(code := args.get("country"), str):
        args["country"] = Locale.parse(_BABEL[lang]).territories.get(code, code)
    return TraceStep(step.key, args)
