"""The consultant's answer: evaluation set, out-of-scope pointers, any script, the situation."""

from __future__ import annotations

import datetime as dt

import pytest

from knowledge import accuracy, answers, consult, deadlines, qa
from knowledge.accuracy import REFUSE, evaluate, load_eval
from knowledge.consult import route_term
from knowledge.continuation import continuation
from knowledge.l10n import LANGS, Lang, knowledge_catalog
from knowledge.loader import load_knowledge
from knowledge.scope import out_of_scope
from knowledge.situation import EAEU, extract
from knowledge.textnorm import normalize

TODAY = dt.date(2026, 6, 15)


def test_evaluation_parts_are_fixed_and_disjoint() -> None:
    tune, holdout = load_eval("tune"), load_eval("holdout")
    for lang in LANGS:
        total = [c for c in tune + holdout if c.lang == lang]
        assert len(total) >= 100, lang
        refused = sum(c.expected == REFUSE for c in total)
        assert 0.2 <= refused / len(total) <= 0.3, lang
    assert not {c.question for c in tune} & {c.question for c in holdout}


def test_tune_part_is_answered() -> None:
    """TUNE is 100 % right; the floor leaves a little room."""
    score = evaluate(load_eval("tune"))
    for lang in LANGS:
        assert score.share(lang) >= 0.97, "\n".join(score.misses)
    assert score.refusal_recall >= 0.95 and score.answerable_refused <= 0.03


def test_holdout_part_does_not_regress() -> None:
    """Floors just under this change's measured HOLDOUT figures (README), to catch regressions."""
    score = evaluate(load_eval("holdout"))
    assert sum(score.right.values()) / sum(score.total.values()) >= 0.95
    assert score.refusal_recall >= 0.9 and score.answerable_refused <= 0.03


@pytest.mark.parametrize(
    ("question", "domain"),
    [
        ("ставка ндс 2026", "tax"),
        ("резидент емес шетелдіктің табыс салығы", "tax"),
        ("income tax for expats", "tax"),
        ("сколько дней отпуска у иностранца", "labour"),
        ("ең төменгі жалақы қанша", "labour"),
        ("minimum wage in kazakhstan", "labour"),
        ("как открыть тоо", "company"),
        ("жшс тіркеу", "company"),
        ("register a company in astana", "company"),
        ("виза в германию для казахстанцев", "travel"),
        ("do kazakh citizens need a visa for the uk", "travel"),
        ("вид на жительство", "residence"),
        ("тұруға ықтиярхат", "residence"),
        ("how to get citizenship", "residence"),
        ("pogoda v almaty", "chatter"),
        ("nalog na imushestvo", "tax"),
    ],
)
def test_neighbouring_domains_are_recognised(question: str, domain: str) -> None:
    assert out_of_scope(question) == domain
    reply = qa.ask(question, "ru", TODAY)
    assert reply.topic_id is None and reply.scope == domain


@pytest.mark.parametrize(
    "question",
    [
        "какую визу оформлять работнику по разрешению",
        "копию паспорта нотариально заверять",
        "ИП на 19 человек соотношение действует",
        "уволили иностранца что делать с разрешением",
        "getting the tax number for an expat through a representative",
        "do residence permit holders need a quota",  # a neighbouring word beside one of ours
        "is the permit fee a tax",
    ],
)
def test_work_permit_questions_are_not_taken_for_neighbours(question: str) -> None:
    assert out_of_scope(question) is None
    assert qa.ask(question, "en", TODAY).topic_id is not None


@pytest.mark.parametrize("lang", LANGS)
def test_every_pointer_exists_and_names_an_official_place(lang: Lang) -> None:
    catalog = knowledge_catalog()
    domains = ("tax", "labour", "company", "travel", "residence", "family", "citizens", "licences")
    for domain in domains:
        text = catalog.get(lang, f"scope-{domain}")
        assert "egov.kz" in text or "adilet.zan.kz" in text, domain


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("skolko stoit razreshenie na rabotu", "fees"),  # Latin-typed Russian
        ("razreshenie dlya svarshika", "route.cat4"),
        ("ruqsatqa qandai qujattar kerek", "documents"),  # Kazakh in Latin letters
        ("руксатка кандай кужаттар керек", "documents"),  # Kazakh without its letters
        ("шетелдикке жсн калай алады", "iin"),
        ("сколко дней рассматривают заявлениe", "decision"),  # a Latin e among Cyrillic
        ("esep beru mindeti", "reporting"),  # a four-letter word matched whole
        ("uvolili inostranca chto s razresheniem", "early_end"),  # a four-letter stem ("увол")
    ],
)
def test_any_script(question: str, topic: str) -> None:
    assert qa.ask(question, "ru", TODAY).topic_id == topic


@pytest.mark.parametrize(
    ("staff", "on", "key", "topic"),
    [
        (19, TODAY, "ratio-exempt", "ratio.exemptions"),
        (20, TODAY, "ratio-exempt", "ratio.exemptions"),
        (21, TODAY, "ratio-applies", "ratio"),
        (21, dt.date(2025, 9, 1), "ratio-applies", "ratio"),  # the day the 20 limit started
        (21, dt.date(2025, 8, 31), "ratio-exempt", "ratio.exemptions"),  # any small business
        (150, dt.date(2025, 8, 31), "ratio-exempt", "ratio.exemptions"),
    ],
)
def test_headcount_runs_the_ratio_check(staff: int, on: dt.date, key: str, topic: str) -> None:
    for question in (
        f"у нас {staff} сотрудников, применяется ли соотношение",
        f"бізде {staff} адам арақатынас қолданыла ма",
        f"we are {staff} people does the ratio apply",
    ):
        reply = qa.ask(question, "en", on)
        assert (reply.situation, reply.topic_id) == (key, topic), question
        assert reply.outcome and "ratio.exempt.small_business" in reply.outcome.fact_ids


def test_ratio_answer_says_since_when_and_the_thresholds() -> None:
    exempt = qa.ask("we are 20 people, ratio?", "en", TODAY).outcome
    assert exempt is not None
    assert consult.render(exempt, "en") == (
        "A small business with 20 employees (up to 20) is exempt from the ratio. "
        "This rule is in force since 1 September 2025."
    )
    applies = qa.ask("нас 21 человек, соотношение?", "ru", TODAY).outcome
    assert applies is not None
    line = consult.render(applies, "ru")
    assert "21" in line and "20" in line and "70 %" in line and "90 %" in line


@pytest.mark.parametrize(
    ("question", "country"),
    [
        ("россиянина берем, нужно разрешение?", "ru"),
        ("ресей азаматына рұқсат керек пе", "ru"),
        ("russian citizen work permit", "ru"),
        ("белорус на работу разрешение", "by"),
        ("беларусь азаматы рұқсат", "by"),
        ("belarusian engineer permit", "by"),
        ("гражданин Кыргызстана разрешение", "kg"),
        ("қырғыз азаматына рұқсат", "kg"),
        ("kyrgyz driver permit", "kg"),
        ("армянин бухгалтер разрешение", "am"),
        ("армениядан келген маман рұқсат", "am"),
        ("armenian accountant permit", "am"),
    ],
)
def test_each_eaeu_country_needs_no_permit(question: str, country: str) -> None:
    assert extract(question, TODAY).country == country and country in EAEU
    reply = qa.ask(question, "kk", TODAY)
    assert (reply.situation, reply.topic_id) == ("eaeu-no-permit", "eaeu")
    assert reply.outcome is not None
    assert consult.render(reply.outcome, "en").startswith(
        {"ru": "Russia", "by": "Belarus", "kg": "Kyrgyzstan", "am": "Armenia"}[country]
    )


@pytest.mark.parametrize(
    ("question", "country", "name"),
    [
        ("узбек сварщик нужно разрешение", "uz", "Узбекистан"),
        ("тәжік жұмысшыға рұқсат керек пе", "tj", "Таджикистан"),
        ("chinese engineer do we need a permit", "cn", "Китай"),
        ("инженер из Турции нужно разрешение", "tr", "Турция"),
        ("indian welder permit", "in", "Индия"),
    ],
)
def test_other_countries_need_a_permit(question: str, country: str, name: str) -> None:
    assert extract(question, TODAY).country == country
    reply = qa.ask(question, "ru", TODAY)
    assert reply.situation == "permit-needed" and reply.outcome is not None
    assert consult.render(reply.outcome, "ru").startswith(name + " — не государство ЕАЭС")


@pytest.mark.parametrize("route_id", ["cat1", "cat2", "cat3", "cat4", "seasonal", "ict"])
def test_each_routes_term_and_renewals(route_id: str) -> None:
    route = load_knowledge().route(route_id)
    line = consult.render(route_term(route_id), "en")
    term = route.term_days or route.term_months or [route.max_term_months or 0]
    assert "/".join(str(value) for value in term) in line  # e.g. "12/24/36 months"
    if not route.renewable:
        assert "cannot be renewed" in line
    elif route.max_renewals is None:
        assert "not limited" in line
    else:
        assert f"up to {route.max_renewals} time" in line


@pytest.mark.parametrize(
    ("question", "key", "expected"),
    [
        ("срок разрешения 1 категории и продление", "term-cat1", "12/24/36 months"),
        ("екінші санат рұқсат мерзімі", "term-cat2", "renewed up to 3 times"),
        ("category 3 permit how long", "term-cat3", "12 months"),
        ("4 категория на сколько дают", "term-cat4", "cannot be renewed"),
        ("маусымдық рұқсат неше күнге", "term-seasonal", "90/180/270/365 days"),
        ("intra corporate transfer permit duration", "term-ict", "up to 36 months"),
    ],
)
def test_a_stated_category_gets_its_term(question: str, key: str, expected: str) -> None:
    reply = qa.ask(question, "en", TODAY)
    assert reply.situation == key and reply.outcome is not None
    assert expected in consult.render(reply.outcome, "en")
    assert reply.topic_id == "route." + key.removeprefix("term-")


@pytest.mark.parametrize(
    ("question", "key", "due"),
    [
        ("договор подписали 2 февраля 2026, до когда в ЕСУТД?", "date-esutd", "2026-02-"),
        ("permit expires on 15 March 2027 when to renew", "date-renewal", "2027-01-"),
        ("vacancy posted 03.03.2026 when can we file", "date-vacancy", "2026-03-19"),
    ],
)
def test_a_stated_date_gets_the_computed_deadline(question: str, key: str, due: str) -> None:
    reply = qa.ask(question, "en", TODAY)
    assert reply.situation == key and reply.outcome is not None
    args = [value for step in reply.outcome.steps for value in step.args.values()]
    assert any(isinstance(v, dt.date) and v.isoformat().startswith(due) for v in args), args


def test_accuracy_report_runs(capsys: pytest.CaptureFixture[str]) -> None:
    accuracy.main()
    out = capsys.readouterr().out
    assert "holdout:" in out and "tune:" in out and "refusal precision" in out


@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("worker sent to another region for four months with an almaty permit", "trip-over"),
        ("работник по разрешению в Алматы будет работать в Атырау 4 месяца", "trip-over"),
        ("алматыдағы рұқсатпен жұмысшы атырауда 4 ай жұмыс істейді", "trip-over"),
        ("командировка в другой регион на 2 месяца", "trip-within"),
        ("business trip to another city for 90 days", "trip-within"),  # the limit itself
        ("business trip to another city for 91 days", "trip-over"),
        ("іссапар 3 айға", "trip-borderline"),  # 84 to 93 days: count them
    ],
)
def test_work_in_another_region_against_the_trip_limit(question: str, key: str) -> None:
    reply = qa.ask(question, "en", TODAY)
    assert (reply.situation, reply.topic_id) == (key, "business_trips")
    assert reply.outcome is not None and "90" in consult.render(reply.outcome, "kk")


def test_fresh_evaluation_parts_are_fixed_and_disjoint() -> None:
    """The second set, written before this round's tuning: ≥ 45 a language, a fifth or more out
    of scope, the split fixed (every third question held out)."""
    tune, holdout = load_eval("fresh tune"), load_eval("fresh holdout")
    for lang in LANGS:
        total = [c for c in tune + holdout if c.lang == lang]
        assert len(total) >= 45, lang
        held = [c for c in holdout if c.lang == lang]
        assert len(held) == len(total) // 3, lang
        refused = sum(c.expected == REFUSE for c in total)
        assert 0.18 <= refused / len(total) <= 0.3, lang
    assert not {c.question for c in tune} & {c.question for c in holdout}


def test_fresh2_evaluation_parts_are_fixed_and_disjoint() -> None:
    """The third set, written before the third round's tuning: ≥ 40 a language, a quarter out of
    scope, the split fixed (every third question held out)."""
    tune, holdout = load_eval("fresh2 tune"), load_eval("fresh2 holdout")
    for lang in LANGS:
        total = [c for c in tune + holdout if c.lang == lang]
        assert len(total) >= 40, lang
        assert len([c for c in holdout if c.lang == lang]) == len(total) // 3, lang
        assert 0.22 <= sum(c.expected == REFUSE for c in total) / len(total) <= 0.3, lang
    assert not {c.question for c in tune} & {c.question for c in holdout}


def test_fresh3_evaluation_parts_are_fixed_and_disjoint() -> None:
    """The fourth set, written before the fourth round's tuning: ≥ 36 a language (English 48), a
    third out of scope, the split fixed (every third question held out)."""
    tune, holdout = load_eval("fresh3 tune"), load_eval("fresh3 holdout")
    for lang in LANGS:
        total = [c for c in tune + holdout if c.lang == lang]
        assert len(total) >= (48 if lang == "en" else 36), lang
        assert len([c for c in holdout if c.lang == lang]) == len(total) // 3, lang
        assert 0.3 <= sum(c.expected == REFUSE for c in total) / len(total) <= 0.36, lang
    assert not {c.question for c in tune} & {c.question for c in holdout}


def test_fresh_parts_do_not_regress() -> None:
    """Floors under the measured figures (README): tune 98.8-100 %, fresh holdout 90-95 % a
    language, fresh2 holdout 93-100 %, fresh3 holdout 92-100 %."""
    for part, floor in (
        ("fresh tune", 0.97),
        ("fresh holdout", 0.9),
        ("fresh2 tune", 0.97),
        ("fresh2 holdout", 0.92),
        ("fresh3 tune", 0.96),
        ("fresh3 holdout", 0.9),
    ):
        score = evaluate(load_eval(part))
        for lang in LANGS:
            assert score.share(lang) >= floor, (part, lang, "\n".join(score.misses))
        assert score.refusal_recall >= 0.9 and score.answerable_refused <= 0.03, part


@pytest.mark.parametrize(
    ("staff", "key", "topic"),
    [(19, "ratio-exempt", "ratio.exemptions"), (20, "ratio-exempt", "ratio.exemptions"),
     (21, "ratio-applies", "ratio")],
)  # fmt: skip
def test_headcount_as_people_type_it(staff: int, key: str, topic: str) -> None:
    """A firm named by its form ("ТОО", a neighbour's word) and the rule by its numbers."""
    for question in (
        f"у нас в ТОО {staff} человек, нужно ли соблюдать 70/90?",
        f"бизде {staff} кызметкер, арақатынас сақтаймыз ба",
        f"our LLP has {staff} staff, does the 70/90 rule apply",
    ):
        reply = qa.ask(question, "ru", TODAY)
        assert (reply.situation, reply.topic_id) == (key, topic), question


def test_the_exemption_is_dated_from_its_fact() -> None:
    fact = load_knowledge().fact("ratio.exempt.small_business", TODAY)
    outcome = qa.ask("we have 19 employees, ratio?", "en", TODAY).outcome
    assert outcome is not None
    assert {"since": fact.effective_from} in [step.args for step in outcome.steps]


@pytest.mark.parametrize(
    ("question", "route_id"),
    [
        ("сколько раз можно продлить разрешение 2 категории", "cat2"),
        ("how many times can a category 3 permit be extended", "cat3"),
        ("1 санат рұқсатын неше рет ұзартуға болады", "cat1"),
        ("how many times can an intra-corporate transfer permit be renewed", "ict"),
    ],
)
def test_how_many_times_gets_the_renewals_card_with_the_routes_answer(
    question: str, route_id: str
) -> None:
    reply = qa.ask(question, "en", TODAY)
    assert (reply.topic_id, reply.situation) == ("renewal.count", f"term-{route_id}")
    assert reply.outcome is not None and reply.outcome.steps == route_term(route_id).steps


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("электрик из узбекистана какая категория", "route.cat4"),
        ("бухгалтер иностранец это какая категория", "route.cat3"),
        ("which category is a programmer", "route.cat3"),
    ],
)
def test_a_job_title_names_its_category(question: str, topic: str) -> None:
    assert qa.ask(question, "ru", TODAY).topic_id == topic


@pytest.mark.parametrize(
    ("question", "key", "topic", "compute"),
    [
        ("уведомление об оплате пришло 10 июня 2026, до какого оплатить сбор", "date-fee",
         "fee.payment", "fee_payment"),
        ("шетелдік 2026 жылғы 12 маусымда келді, полицияға қашан хабарлаймыз", "date-arrival",
         "arrival", "arrival_notification"),
        ("worker landed on 12 June 2026, when to notify the police of the arrival", "date-arrival",
         "arrival", "arrival_notification"),
    ],
)  # fmt: skip
def test_a_stated_date_gets_that_events_deadline(
    question: str, key: str, topic: str, compute: str
) -> None:
    reply = qa.ask(question, "en", TODAY)
    assert (reply.situation, reply.topic_id) == (key, topic)
    expected = getattr(deadlines, compute)(extract(question, TODAY).dates[0])
    assert reply.outcome is not None and reply.outcome.steps == expected.trace


@pytest.mark.parametrize(
    ("question", "domain"),
    [
        ("как уволить сотрудника за прогулы", "labour"),
        ("how to dismiss an employee for absenteeism", "labour"),
        ("қызметкерді жұмыстан шығару тәртібі қандай", "labour"),
        ("как открыть ТОО иностранцу", "company"),
        ("сколько стоит патент иностранцу для работы у физлица", "residence"),
    ],
)
def test_neighbours_beside_our_words(question: str, domain: str) -> None:
    assert out_of_scope(question) == domain


@pytest.mark.parametrize(
    "question",
    ["иностранец уволился, что с разрешением", "уволили иностранца, куда сообщать",
     "перечень документов на РНР", "the expat was dismissed, what happens to the permit"],
)  # fmt: skip
def test_a_foreigners_dismissal_and_rnr_are_ours(question: str) -> None:
    assert out_of_scope(question) is None and qa.ask(question, "ru", TODAY).topic_id


def test_a_renewal_date_already_past_its_last_filing_day_is_a_missed_renewal() -> None:
    past = qa.ask("разрешение закончилось 1 июня 2026, продлить можно?", "ru", TODAY)
    ahead = qa.ask("разрешение заканчивается 1 сентября 2026, когда продлевать", "ru", TODAY)
    assert (past.situation, past.topic_id) == ("date-renewal", "renewal.late")
    assert (ahead.situation, ahead.topic_id) == ("date-renewal", "renewal.window")
    last = deadlines.renewal_window(dt.date(2026, 6, 1), "cat3").dates["last_day"]
    assert last < TODAY


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("Добрый день! Подскажите, сколько действует разрешение инженеру?", "route.cat3"),
        ("сезонка на 270 дней сколько мрп", "route.seasonal"),
        ("можно ли взять иностранца если квота кончилась", "quota"),
        ("expat manager seconded from Dubai HQ for 2 years", "route.ict"),
        ("у нас 60 сотрудников сколько иностранцев можем взять", "ratio"),
        ("Hi, we're a 15-person startup, do we bring in a developer under the local hiring rule?",
         "ratio.exemptions"),
        ("день публикации входит в 15 дней?", "daycount"),
    ],
)  # fmt: skip
def test_wordings_as_people_type_them(question: str, topic: str) -> None:
    assert qa.ask(question, "ru", TODAY).topic_id == topic


@pytest.mark.parametrize(
    ("question", "domain"),
    [("форма 270 когда сдавать", "tax"), ("нужен патент или разрешение кыргызу?", None),
     ("какие пособия положены при увольнении", "labour")],
)  # fmt: skip
def test_neighbour_words_in_context(question: str, domain: str | None) -> None:
    assert out_of_scope(question) == domain


@pytest.mark.parametrize(
    "question",
    [
        "можно ли оформить разрешение на жену работника",
        "какие документы нужны на супругу и детей специалиста",
        "жена работника тоже хочет работать, нужно ли ей разрешение",
        "жұмысшының әйеліне де рұқсат алу керек пе",
        "маманның балаларын мектепке қалай орналастырамыз",
        "zhumysshynyn balalaryna kandai kuzhat kerek",
        "do we need a work permit for the worker's wife too",  # a permit word does not make it ours
        "does his wife need a visa",
        "can the engineer's kids go to a local school",
    ],
)
def test_a_workers_family_gets_the_migration_services_pointer(question: str) -> None:
    """rules-facts.md knows nothing about family members: refused with a pointer, never a card."""
    reply = qa.ask(question, "ru", TODAY)
    assert (reply.topic_id, reply.scope) == (None, "family"), question


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("инженер приезжает с семьей из Турции, какая категория", "route.cat3"),
        ("маман отбасымен келеді қай санат", "route.cat3"),
        ("our parent company wants to send a manager and his family to kazakhstan", "route.ict"),
        ("can the ICT worker bring his children", "route.ict"),
    ],
)
def test_family_named_in_passing_keeps_the_workers_card(question: str, topic: str) -> None:
    assert qa.ask(question, "en", TODAY).topic_id == topic


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("можно ли перевести разрешение на другую компанию", "portals"),
        ("перевести разрешение в дочернюю компанию группы", "portals"),
        ("иностранец хочет сменить работодателя, переоформить РВ на нас можно?", "portals"),
        ("рұқсатты басқа компанияға ауыстыруға бола ма", "portals"),  # ауыстыру: transfer
        ("шетелдік жұмыс берушісін ауыстырғысы келеді", "portals"),
        ("can my client transfer an existing work permit to another company", "portals"),
        (
            "the worker wants to change employer can the new employer keep using his permit",
            "portals",
        ),
        ("move a permit to a sister company", "portals"),
        ("бас кеңседен қызметкерді ауыстыру", "route.ict"),  # a worker moved within the group
        ("transfer an employee within the group of companies", "route.ict"),
        ("4 санат жұмысшыларын ауыстыру", "cat4.replacement"),  # ауыстыру: replace
    ],
)
def test_a_permit_moved_to_another_employer_is_the_issuers_card(question: str, topic: str) -> None:
    """The permit cannot be transferred to another employer (permit.issuer, on the portals card);
    an intra-corporate transfer moves a worker, not a permit."""
    assert qa.ask(question, "ru", TODAY).topic_id == topic
    if topic == "portals":
        assert "permit.issuer" in answers.topic("portals").fact_ids


@pytest.mark.parametrize(
    "question",
    [
        "ИКТ вне квоты? и платится ли сбор за внутрикорпоративный перевод",
        "корпоративішілік ауыстыру квотаға кіре ме? алым төлейміз бе?",
        "is an ICT outside the quota? and do we pay the fee for it",
    ],
)
def test_ict_beside_quota_and_fee_words_is_the_ict_card(question: str) -> None:
    assert qa.ask(question, "en", TODAY).topic_id == "route.ict"


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("razreshenie na rabotu dlya grazhdanina indii kakie dokumenty nuzhny", "documents"),
        ("какие документы нужны гражданину Узбекистана", "documents"),
        ("какие документы нужны гражданину ЕАЭС для работы", "eaeu"),  # no permit at all
        ("what documents does a citizen of Russia need", "eaeu"),
    ],
)
def test_documents_for_a_citizenship(question: str, topic: str) -> None:
    assert qa.ask(question, "en", TODAY).topic_id == topic


def test_abbreviations_are_spelt_out() -> None:
    assert normalize("РВ на 3 кат") == "разрешение на работу на 3 категория"
    assert normalize("квота на рабсилу") == "квота на рабочая сила"
    reply = qa.ask("РВ на 3 кат сколько действует и сколько раз продлевают", "ru", TODAY)
    assert (reply.topic_id, reply.situation) == ("route.cat3", "term-cat3")


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("нужен ли апостиль на диплом", "documents"),
        ("дипломға апостиль керек пе", "documents"),
        ("is an apostille needed on the diploma", "documents"),
        ("how long does the MFA take to check the diploma apostille", "mfa_check"),
        ("МИД проверяет диплом сколько дней", "mfa_check"),
        ("диплом тексеру СІМ қанша күн", "mfa_check"),
    ],
)
def test_apostille_itself_is_the_documents_card_the_check_the_mfas(
    question: str, topic: str
) -> None:
    assert qa.ask(question, "en", TODAY).topic_id == topic


def test_a_city_named_does_not_sink_the_question_below_the_coverage() -> None:
    assert qa.ask("квота в Алматы еще есть?", "ru", TODAY).topic_id == "quota"
    assert qa.ask("какая погода в Алматы", "ru", TODAY).topic_id is None


def test_more_ways_to_name_a_family_a_permit_move_and_the_ratio() -> None:
    family = qa.ask("do family members of a foreign worker need a work permit", "en", TODAY)
    assert family.scope == "family"
    moved = "our employee is moving to our other kz entity, can his permit move with him"
    assert qa.ask(moved, "en", TODAY).topic_id == "portals"
    two = "у нас ТОО 15 чел хотим 3 инженера из Китая надо ли 70 90 и сколько стоит разрешение"
    assert qa.ask(two, "ru", TODAY).situation == "ratio-exempt"


@pytest.mark.parametrize("lang", LANGS)
def test_a_permit_move_opens_with_the_issuer_facts_sentence(lang: Lang) -> None:
    """Answer first: the fact's own sentence, then the card; no flow continues it."""
    question = "рұқсатты басқа компанияға ауыстыруға бола ма"
    reply = qa.ask(question, lang, TODAY)
    assert reply.outcome is not None and reply.situation == "permit-no-transfer"
    line = consult.render(reply.outcome, lang)
    fact = load_knowledge().fact("permit.issuer", TODAY).text.get(lang)
    assert line.rstrip(".").split()[-1] in fact  # "работодателю", "болмайды", "employer"
    assert continuation(question, reply.outcome, TODAY) is None
    assert qa.ask("где подавать заявление", lang, TODAY).situation is None


@pytest.mark.parametrize(
    ("question", "domain"),
    [
        ("как получить разрешение на работу гражданину РК в Корее", "travel"),  # abroad: not ours
        ("how can a kazakh citizen get a work permit in Germany", "travel"),
        ("трудовой договор на английском языке можно", "labour"),
        ("what about medical insurance for the foreign worker", "tax"),
    ],
)
def test_more_neighbours_get_their_pointer(question: str, domain: str) -> None:
    reply = qa.ask(question, "ru", TODAY)
    assert (reply.topic_id, reply.scope) == (None, domain)


def test_an_eaeu_hire_in_a_firm_with_staff_is_the_eaeu_answer_not_the_ratio() -> None:
    question = "у нас 60 сотрудников, хотим нанять водителя из Кыргызстана, нужно ли разрешение?"
    assert qa.ask(question, "ru", TODAY).situation == "eaeu-no-permit"
    ratio = "у нас 60 сотрудников хотим взять гражданина России соотношение соблюдать"
    assert qa.ask(ratio, "ru", TODAY).situation == "ratio-applies"  # the ratio asked outright


def test_a_word_said_twice_is_not_twice_the_evidence() -> None:
    question = "we want a work permit for our engineer to work in Kazakhstan"
    assert qa.ask(question, "en", TODAY).topic_id == "route.cat3"


def test_the_register_named_outright_is_the_esutd_card() -> None:
    question = "client asks whether the ESUTD notice is 5 or 10 working days after signing"
    assert qa.ask(question, "en", TODAY).topic_id == "esutd"


@pytest.mark.parametrize(
    ("question", "topic", "key"),
    [
        ("how many foreigners can a company of 50 hire", "ratio", "ratio-applies"),
        ("what if we apply for renewal after the permit expired", "renewal.late", None),
        # "вчера" is a date now, as "24 ноября 2026" was: the missed window's dates come first
        ("разрешение истекло вчера, можем продлить?", "renewal.late", "date-renewal"),
        ("шетелдікке визаны кім рәсімдейді", "arrival", None),  # the C3 visa fact's card
        ("какая виза нужна иностранному специалисту", "arrival", None),
    ],
)
def test_headcount_wordings_an_ended_permit_and_a_foreigners_visa(
    question: str, topic: str, key: str | None
) -> None:
    reply = qa.ask(question, "en", TODAY)
    assert (reply.topic_id, reply.situation) == (topic, key)


@pytest.mark.parametrize(
    ("question", "domain"),
    [
        ("как оформить пенсию иностранцу", "tax"),
        ("nds stavka 2026", "tax"),  # Latin-typed abbreviations, whole words
        ("mrot v kazakhstane 2026", "labour"),
        ("kak zaregistrirovat too", "company"),  # "too" has the skeleton "to"
        ("zhshs tirkeu", "company"),
        ("how to become a Kazakh citizen", "residence"),
        ("обменять водительские права иностранцу", "chatter"),
        ("нужно ли платить ОПВ за иностранца", "tax"),
        ("кто президент Казахстана", "chatter"),
    ],
)
def test_latin_typed_and_plain_neighbours(question: str, domain: str) -> None:
    reply = qa.ask(question, "ru", TODAY)
    assert (reply.topic_id, reply.scope) == (None, domain)


@pytest.mark.parametrize(
    "question",
    [
        "registration to the portal for the permit",
        "too 19 chelovek nuzhno li 70/90",
        "skolko stoit razreshenie na rabotu",
    ],
)
def test_latin_typed_permit_questions_are_not_neighbours(question: str) -> None:
    assert out_of_scope(question) is None
    assert qa.ask(question, "ru", TODAY).topic_id is not None


@pytest.mark.parametrize(
    ("question", "country"),
    [
        ("how does a foreigner get an individual identification number", None),
        ("индивидуальный предприниматель нанимает иностранца", None),
        ("industrial engineer which category", None),
        ("гражданин индии", "in"),
        ("инженер из Кореи", "kr"),
    ],
)
def test_words_that_start_like_a_country_are_not_one(question: str, country: str | None) -> None:
    assert extract(question, TODAY).country == country


@pytest.mark.parametrize(
    "question",
    [
        "how much does a permit cost for a category 2 manager",
        "сколько стоит разрешение на 3 категорию",
        "2 санат рұқсаты қанша тұрады",
    ],
)
def test_a_categorys_price_is_the_fee_card(question: str) -> None:
    assert qa.ask(question, "en", TODAY).topic_id == "fees"


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("когда платить госпошлину после одобрения", "fee.payment"),
        ("what is the fee and when do we pay it", "fee.payment"),
        ("сколько стоит госпошлина", "fees"),
        ("что нужно собрать для подачи", "documents"),
        ("что будет если взять нелегала", "ban"),
        ("иностранец заехал когда ставить на учет", "arrival"),
    ],
)
def test_more_everyday_wordings(question: str, topic: str) -> None:
    assert qa.ask(question, "ru", TODAY).topic_id == topic


@pytest.mark.parametrize(
    ("question", "topic", "key"),
    [
        ("рұқсатты ұзартуға қашан беру керек", "renewal.window", None),  # "беру": to file
        ("ruqsatty uzartuga qashan beru kerek", "renewal.window", None),
        ("ұзартуға өтінішті қайда береміз", "portals", None),  # where: the portal's
        ("бизде 25 кызметкер бар шетелдик алсак аракатынас кандай", "ratio", "ratio-applies"),
        ("шетелдік маман 3 санат, рұқсат қанша жылға", "route.cat3", "term-cat3"),
    ],
)
def test_kazakh_with_and_without_its_letters(question: str, topic: str, key: str | None) -> None:
    reply = qa.ask(question, "kk", TODAY)
    assert (reply.topic_id, reply.situation) == (topic, key)


def test_the_share_named_as_a_share_runs_the_ratio_check() -> None:
    question = "у клиента 250 чел, он хочет 30 иностранцев 3 кат, пройдут по доле?"
    reply = qa.ask(question, "ru", TODAY)
    assert (reply.topic_id, reply.situation) == ("ratio", "ratio-applies")


def test_the_country_itself_says_nothing_about_the_topic() -> None:
    """The country's name is rare in the index, so it weighed like a topic word and pulled the
    question to a card that happens to name it."""
    assert qa.ask("work permit for a citizen of Kazakhstan", "en", TODAY).topic_id != "daycount"
    assert qa.ask("заменить казахстанцами 4 категорию", "ru", TODAY).topic_id == "cat4.replacement"


def test_a_company_president_is_still_a_job() -> None:
    assert qa.ask("президент компании из США какая категория", "ru", TODAY).topic_id == "route.cat1"


@pytest.mark.parametrize(
    "question",
    [
        "do Kazakh citizens need a work permit",
        "does a kazakh national need a work permit to work in almaty",
        "do locals need a permit",
        "work permit needed for Kazakhstan citizens?",
        "нужно ли гражданам РК разрешение на работу",
        "казахстанцам нужно разрешение на работу?",
        "ҚР азаматына жұмысқа рұқсат керек пе",
    ],
)
def test_a_kazakh_citizens_own_permit_is_refused_with_the_rules_scope(question: str) -> None:
    """The Rules cover foreign labour: a citizen's own "permit" got the EAEU or a reporting card."""
    reply = qa.ask(question, "en", TODAY)
    assert (reply.topic_id, reply.scope) == (None, "citizens"), question


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("does a foreigner married to a Kazakh citizen need a work permit", None),
        ("Kazakh citizens must be 70 %, how many expats can we hire", "ratio"),
        ("категория 4: через сколько заменить казахстанцами по разрешению", "cat4.replacement"),
    ],
)
def test_kazakh_citizens_named_beside_a_foreigners_permit_stay_ours(
    question: str, topic: str | None
) -> None:
    assert out_of_scope(question) is None, question
    if topic:
        assert qa.ask(question, "en", TODAY).topic_id == topic, question


@pytest.mark.parametrize(
    ("question", "domain"),
    [
        ("annual leave for a worker on a work permit", "labour"),
        ("tax residency of an expat on a work permit", "tax"),
        ("do i need a work permit to register a company", "company"),
        ("permanent residence after 5 years of work permit", "residence"),
        ("МЗП 2026 сколько", "labour"),
    ],
)
def test_work_permit_named_in_passing_does_not_hide_a_neighbour(question: str, domain: str) -> None:
    assert out_of_scope(question) == domain, question


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("what documents for a cat 4 permit", "documents"),  # was the refusal card
        ("which documents do we need for a category 2 permit", "documents"),
        ("documents list for a seasonal worker permit", "documents"),
        ("intracompany transfer work permit documents", "documents"),  # was the ban card
        ("refused over missing documents, what are the grounds", "refusal"),
        ("LMT period", "vacancy"),  # was the day-count card
        ("labor market test duration", "vacancy"),
        ("ICT quota exemption", "route.ict"),  # was the ratio exemptions card
        ("terminated the foreigner, notify the akimat within", "early_end"),  # was arrival
    ],
)
def test_expat_hr_wordings(question: str, topic: str) -> None:
    assert qa.ask(question, "en", TODAY).topic_id == topic, question


def test_hr_abbreviations_and_american_spelling_are_spelt_out() -> None:
    spelt = normalize("WP cat 2, LMT and labor")
    assert spelt == "work permit cat 2, labour market test and labour"


def test_kandas_is_the_residence_pointer_even_beside_a_work_permit() -> None:
    assert out_of_scope("kazakh oralman work permit") == "residence"


@pytest.mark.parametrize(
    ("question", "domain"),
    [
        ("граждане рк работают без разрешения?", "citizens"),  # was the EAEU card
        ("қазақстан азаматы жұмысқа рұқсат алуы керек пе", "citizens"),
        ("жергілікті азаматтарға рұқсат керек пе", "citizens"),  # was the ratio card
        ("минималка 2026", "labour"),  # was the MCI card
        ("регистрация ИП для иностранца с РВ", "company"),  # was the arrival card
        ("шетелдікке демалыс жұмысқа рұқсатпен", "labour"),
        ("тұрақты тұруға рұқсат", "residence"),  # was the fees card
        ("иностранец с внж нужно ли разрешение", "residence"),
    ],
)
def test_russian_and_kazakh_neighbours_beside_our_words(question: str, domain: str) -> None:
    assert qa.ask(question, "kk", TODAY).scope == domain, question


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("ұзартуға қашан тапсырамыз", "renewal.window"),  # was the ICT card
        ("ұзартуды кешіктірдік", "renewal.late"),
        ("we missed the renewal, what now", "renewal.late"),
        ("демалыс күндері мерзімге кіре ме", "daycount"),  # days off are the day count's
        ("нужна ли квота для иностранца с ВНЖ", "quota"),
    ],
)
def test_renewal_words_and_days_off(question: str, topic: str) -> None:
    assert qa.ask(question, "kk", TODAY).topic_id == topic, question


@pytest.mark.parametrize(
    ("question", "domain"),
    [
        ("labour code notice period for expats", "labour"),  # was the vacancy card
        ("BIN registration for a new company", "company"),  # was the ESUTD card
        ("how to get a BIN", "company"),
        ("IIN for a newborn", "family"),  # was the worker's IIN card
        ("medical insurance for a work permit", "tax"),  # was the documents card
    ],
)
def test_expat_hr_neighbours_sharing_our_words(question: str, domain: str) -> None:
    assert qa.ask(question, "en", TODAY).scope == domain, question


def test_a_quota_slot_is_the_quota_card() -> None:
    assert qa.ask("what is a quota slot and how do we get it", "en", TODAY).topic_id == "quota"


@pytest.mark.parametrize(
    ("question", "domain"),
    [
        ("nuzhno li razreshenie grazhdanam rk", "citizens"),  # was a plain refusal
        ("шетелдік компания қазақстандықтарды жалдайды рұқсат керек пе", "citizens"),  # the ratio
        ("viza v koreyu dlya kazahstancev", "travel"),  # was the arrival card
        ("koreyaga viza", "travel"),
        ("jyl saiyngy demalys", "labour"),  # was the day-count card
        ("azamattyq alu", "residence"),  # was the EAEU card: the stem never matched a skeleton
    ],
)
def test_latin_typed_citizens_travel_leave_and_citizenship(question: str, domain: str) -> None:
    assert qa.ask(question, "kk", TODAY).scope == domain, question


@pytest.mark.parametrize(
    "question",
    ["qyrgyzstan azamatyna jumysqa ruqsat kerek pe", "demalys kunderi kire me", "resei azamatyna"],
)
def test_latin_typed_foreigners_and_days_off_stay_ours(question: str) -> None:
    assert out_of_scope(question) is None, question


@pytest.mark.parametrize(
    "question",
    [
        "building permit for our new office",  # was the ratio exemptions card
        "construction permit timeline in almaty",  # was the changes card
        "business licence for a consulting firm",  # was the business trips card
        "import licence for equipment",
        "разрешение на строительство склада сроки",
        "құрылысқа рұқсат қалай алынады",
    ],
)
def test_other_permits_and_licences_get_the_licensing_pointer(question: str) -> None:
    reply = qa.ask(question, "en", TODAY)
    assert (reply.topic_id, reply.scope) == (None, "licences"), question


def test_leaving_the_country_is_not_annual_leave() -> None:
    assert out_of_scope("can the expat leave the country while the permit is pending") is None
    assert out_of_scope("can the expat take leave while on a permit") == "labour"


def test_a_category_found_by_its_job_is_still_settled_by_one_word() -> None:
    """The search found nothing, the category came from "cat 4"; "replaced" names the card."""
    reply = qa.ask("how soon must cat 4 guys be replaced", "en", TODAY)
    assert reply.topic_id == "cat4.replacement"


@pytest.mark.parametrize(
    "question",
    ["how many foreigners live in kazakhstan", "fishing quota kazakhstan"],
)
def test_a_cue_word_alone_does_not_answer_what_the_search_refused(question: str) -> None:
    assert qa.ask(question, "en", TODAY).topic_id is None, question


@pytest.mark.parametrize(
    ("question", "staff"),
    [
        ("we employ twenty-one people, ratio?", 21),  # was the changes card, no ratio check
        ("our team of nineteen people, does the ratio apply", 19),
        ("у нас девятнадцать человек, соотношение", 19),
        ("двадцать один сотрудник в штате, соотношение", 21),
        ("бізде жиырма бір адам, арақатынас", 21),
        ("он тоғыз қызметкер бар, арақатынас керек пе", 19),
        ("we have twenty staff, ratio?", 20),
    ],
)
def test_a_headcount_spelt_out(question: str, staff: int) -> None:
    assert extract(question, TODAY).headcount == staff, question


@pytest.mark.parametrize("question", ["он сказал, что нужен один сотрудник", "one employee"])
def test_he_and_single_units_are_not_headcounts(question: str) -> None:
    assert extract(question, TODAY).headcount is None, question


@pytest.mark.parametrize(
    ("question", "staff", "key"),
    [
        # the noun before the number, and Kazakh "if we hire" with a word between
        ("тұрақты жұмыскерлер 19, шетелдік маман алсақ бола ма", 19, "ratio-exempt"),
        ("бізде 19 жұмыскер, шетелдік маман алсақ бола ма", 19, "ratio-exempt"),
        ("сотрудников: 25, хотим нанять двух инженеров", 25, "ratio-applies"),
        ("staff 21, can we hire a welder from India", 21, "ratio-applies"),
    ],
)
def test_a_headcount_after_its_noun_runs_the_check(question: str, staff: int, key: str) -> None:
    assert extract(question, TODAY).headcount == staff, question
    assert qa.ask(question, "kk", TODAY).situation == key, question


@pytest.mark.parametrize(
    "question",
    ["работник 2 категории, срок", "staff 2 months contract", "employees 3 times renewed"],
)
def test_a_number_after_staff_words_that_is_no_headcount(question: str) -> None:
    assert extract(question, TODAY).headcount is None, question
