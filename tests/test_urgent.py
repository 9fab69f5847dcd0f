"""Immediate danger leads with 999 (assistant/urgent.py), through the real core: written for this
test in many wordings, not from the eval set; and serious matters that are not an emergency, in
the same words, are threshold questions."""

import pytest

IMMEDIATE = [
    "A girl in my class just told me her dad is waiting outside with a knife",
    "there's a toddler alone on a balcony on the 10th floor and no one is answering the door",
    "student has taken a whole pack of paracetamol in the toilets 10 minutes ago",
    "teenager on the bridge saying she's going to jump",
    "baby isn't breathing properly and has gone floppy after dad shook him",
    "I can see a man dragging a young child into a van outside the school gates",
    "Child locked in a car in this heat, parents nowhere, she's crying and red",
    "A 13 year old has been missing since last night and was last seen getting into a car with older men",
    "my pupil says the men who are exploiting him are outside now and have threatened to hurt him",
    "child has swallowed bleach and is vomiting",
    "her brother is holding a knife against her and screaming at her",  # no word says "now"
    "step dad has locked the kids in the shed and is drunk and shouting",
    "a 6 year old is walking alone along the dual carriageway",
    "mum's ex has turned up at the nursery with a hammer",
    "a boy in the car park is waving a machete at the other kids",  # a weapon and something being done
    "man just burst into the playground shouting for his daughter",
    "pupil emailed me a suicide note and isn't answering her phone",
    "toddler on the window sill of an upstairs flat, window wide open",
    "infant left alone in the house while the parents are at the pub",
]

NOT_IMMEDIATE = [
    "A child told me last year that she was hit by her dad once; it hasn't happened since. What level?",
    "Child's older brother was stabbed two years ago and the family are still grieving",
    "what level is a child with a one-off bruise that's been explained by a fall in PE",
    "What does the guidance say about knife crime?",
    "how do we apply to court for an emergency protection order",
    "Mum took an overdose last year and is now well supported by her GP - level for the kids?",
    "Reports that the parents are threatening the children with being sent away, what level?",
    "The baby was left alone for an hour last summer; mum has had parenting support since. Level?",
    "a pupil was excluded last term for bringing a knife in; he is settling back in well",
]


@pytest.mark.parametrize("question", IMMEDIATE)
def test_immediate_danger_in_any_words_leads_with_999(core, question):
    answer = core.ask(question)
    assert answer.urgent
    assert answer.answer.startswith("If a child is in immediate danger, call 999")


@pytest.mark.parametrize("question", NOT_IMMEDIATE)
def test_harm_in_the_past_or_in_general_is_not_an_emergency(core, question):
    assert not core.ask(question).urgent
