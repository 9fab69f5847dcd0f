"""What the guidance does not answer however close its passages look (assistant.scope and the
amount checks of assistant.coverage), asked through the real core on the real index; and the same
forms of question that the guidance does answer, which must still be answered.

The questions are not from the eval set: the unanswerable ones name places, services and laws the
corpus never covers; the answerable ones were written from the corpus, each with its quote checked.
"""

import pytest

from assistant.compose import NOT_COVERED
from assistant.scope import describes_situation

NOT_ANSWERED = [
    "What level of need is a child at risk of FGM in Hertfordshire?",  # another council
    "whats the MASH number for milton keynes",
    "Does the Welsh national framework have four levels of need?",  # another nation
    "how many children were referred to Luton MASH last year",  # a statistic
    "How many social workers does Bedford Borough employ?",
    "What did the inspectors rate Luton's early help services at the last Ofsted visit?",  # a rating
    "How do I apply for a passport for a child in foster care?",  # another service's process
    "How can a family claim universal credit for a teenager who has moved in?",
    "Is it illegal to leave a 10 year old home alone?",  # the law, where the guidance is silent
    "Is there a fee for an early help assessment?",  # money
    "How long does an enhanced DBS check take?",  # a time the guidance does not give
    "how often do core group meetings have to happen for a child on a protection plan",
    "How long does a child protection plan normally last before it is reviewed?",
    "Who chairs the MARAC in Central Bedfordshire?",  # a service the guidance never names
    "What does KCSIE say about staff training?",  # national guidance it never quotes
    "What is the postcode of the Luton MASH office?",  # an address it does not give
    "How do I report a safeguarding concern about an elderly man in a care home?",  # an adult
    "how many FGM cases did the police see in Luton last year",  # a count over a period
    "What is the age of consent in England?",  # the law
    "Can a GP prescribe antidepressants to a 15 year old?",  # clinical advice
]

STILL_ANSWERED = [
    "How long after the strategy meeting is an ICPC usually held in Luton?",
    "complex case - how many working days can a single assessment be extended to?",
    "How often must the council visit a privately fostered child?",
    "How many girls in the UK are thought to be at high risk of FGM each year?",
    "is it illegal for a UK resident to help arrange FGM abroad?",
    "How do I refer a family to the Luton Family Partnership Service?",
    "How do I request a consultation with a social worker in Luton if I'm not sure whether to refer?",
    "What are levels 2 and 3 called in Central Bedfordshire?",
    "luton mash phone no?",
    "Who should the DSL contact at Luton MASH?",  # a role's acronym says who asks
    "What happens at an ICPC?",  # the guidance spells it out, never abbreviates it
    "What will the Family Help Service in Central Bedfordshire offer families?",
    "Dad has COPD and the 12yo does most of the shopping and cooking - what level?",
    "Mum keeps forgetting to give her son his prescribed ADHD medication - level?",
]


@pytest.mark.parametrize("question", NOT_ANSWERED)
def test_a_question_outside_the_guidance_is_not_answered(core, question):
    answer = core.ask(question)
    assert not answer.answerable
    assert answer.answer.startswith(NOT_COVERED)


@pytest.mark.parametrize("question", STILL_ANSWERED)
def test_the_same_forms_of_question_the_guidance_answers_are_answered(core, question):
    answer = core.ask(question)
    assert answer.answerable, answer.answer
    assert answer.citations


def test_a_place_the_passages_mention_is_not_a_reason_to_abstain(core):
    """Luton's FGM passage gives the reporting duty of professionals "in England and Wales"."""
    answer = core.ask("Who has to report FGM to the police in England and Wales?")
    assert answer.answerable
    assert any("Wales" in c.text for c in answer.citations)


def test_a_vignette_saying_the_child_is_fine_is_not_a_money_question(core):
    answer = core.ask("15yo charged with robbery, says he's fine and it's his choice. What level?")
    assert answer.answerable


PLAIN_VIGNETTES = [
    "Dad drinks most nights and the 8yo often puts himself to bed.",
    "10yo says his parents argue all the time and dad threw a plate last week.",
    "Reception girl is always tired and late, mum works nights.",
    "boy in my class smells and never has lunch",
    "Parents refuse to take their son to the dentist, his teeth are rotten.",
    "12yo does most of the shopping and cooking because dad is ill",
]
"""Situations told without the word "level", which every matrix cell's embedded text holds, so
their similarity is lower; written for this test, not from the eval set."""


@pytest.mark.parametrize("vignette", PLAIN_VIGNETTES)
def test_a_situation_told_without_asking_for_a_level_is_answered(core, vignette):
    answer = core.ask(vignette)
    assert answer.answerable, answer.answer
    assert any(c.level is not None for c in answer.citations)


@pytest.mark.parametrize("vignette", PLAIN_VIGNETTES[:3])
@pytest.mark.parametrize("plea", ["What should I do?", "any advice?", "- what do we do now?"])
def test_closing_words_that_only_ask_for_help_change_no_indicator_found(core, vignette, plea):
    """The answer may add what to do next; the indicators it finds are those of the situation."""
    plain, pleading = core.ask(vignette), core.ask(f"{vignette} {plea}")
    assert pleading.answerable
    indicators = [sorted(c.id for c in a.citations if c.level is not None) for a in (plain, pleading)]
    assert indicators[0] and indicators[0] == indicators[1]


def test_off_topic_questions_are_still_not_answered(core):
    for question in ["What's the weather in Paris tomorrow?", "what time does the library shut"]:
        assert not core.ask(question).answerable


@pytest.mark.parametrize(
    ("question", "describes"),
    [
        ("A 15-year-old keeps going missing", True),
        ("6-week-old baby with a bruise", True),
        ("14yo drinking most weekends", True),
        ("Y8 girl self-harming", True),
        ("Luton MASH phone number", False),
        ("what is a strategy discussion", False),
    ],
)
def test_a_child_or_family_described_is_told_apart_from_a_question_about_the_guidance(question, describes):
    assert describes_situation(question) is describes
