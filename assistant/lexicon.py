"""Everyday words -> the words the guidance uses, for searching (a practitioner writes "jabs", the
matrix says "immunisations"). Written from the field's vocabulary, not from any question set; each
entry is a pattern and the guidance's terms it adds to the query."""

from __future__ import annotations

import re

_PAIRS: list[tuple[str, str]] = [
    (r"jabs?|vaccin\w*", "immunisations"),
    (r"nits|lice|smell\w*|unwashed|dirty|scruffy", "hygiene clothing"),
    (r"teeth|dentist|tooth\w*", "dental"),
    (r"weed|cannabis|skunk|coke|cocaine|pills|spice|vap\w*", "drugs substance misuse"),
    (r"booze|drunk|drinking|alcoholic|hammered", "alcohol"),
    (r"cutting|cuts (her|his|their) (arms|legs|wrists)|self[- ]?harm\w*", "self-harm"),
    (r"the pill|contracepti\w*|condoms?|morning after", "sexual health contraceptive services"),
    (r"bunk\w*|truant\w*|skipping school|skiving|not in school|off school", "attendance education"),
    (r"suspended|expelled|kicked out of school", "exclusion"),
    (r"county lines|drug running|running drugs|dealing", "criminal exploitation drug supply"),
    (r"groom\w*", "grooming exploitation"),
    (r"sexting|nudes|naked (photos|pictures|images)", "sexual images"),
    (r"runs? off|ran off|doesn'?t come home|didn'?t come home|stays out|out all night", "missing runs away"),
    (r"smack\w*|belt|slipper|wooden spoon", "physical chastisement implement"),
    (r"bruis\w*|marks|welts|burns?", "injuries"),
    (r"rows|rowing|arguing|screaming at each other", "conflict domestic abuse"),
    (r"controls? (the |all the )?money|pocket money|allowance", "economic control"),
    (r"controlling|jealous|checks (her|his) phone", "coercive control"),
    (r"homeless|evicted|eviction|sofa[- ]surf\w*|b&b|hostel", "accommodation housing"),
    (r"debt|can'?t afford|skint|broke|food ?bank", "income financial"),
    (r"depress\w*|low mood|anxious|anxiety|panic attacks", "mental health"),
    (r"wants? to die|end (it|her life|his life)|suicid\w*", "suicidal ideation"),
    (r"autis\w*|asd|adhd|learning difficult\w*", "disability developmental needs"),
    (r"looks after (her|his) (mum|dad|mother|father|brother|sister)|cares for", "young carer caring responsibilities"),
    (r"co-?sleep\w*|in (their|the parents'?|mum'?s) bed|sleeps with", "safer sleep sleeping arrangements"),
    (r"pregnan\w*|expecting a baby", "pregnancy"),
    (r"\bcut\b|circumcis\w*", "female genital mutilation"),
    (r"marry|married off|wedding", "forced marriage"),
    (r"radical\w*|extremis\w*|isis|jihad\w*|far[- ]right|nazi", "extremism radicalisation"),
    (r"knife|knives|blade|machete|gun", "weapon"),
    (r"stop and search|stopped by (the )?police|searched by (the )?police", "stopped and searched"),
    (r"witch\w*|possessed|demon\w*|evil spirit", "spirit possession witchcraft"),
    (r"home alone|left alone|on (his|her|their) own|unsupervised", "supervision neglect"),
    (r"hungry|no food|not fed|starving|empty fridge", "food provision neglect"),
    (r"no heating|cold house|freezing", "warmth shelter"),
    (r"missed appointments?|doesn'?t take (him|her|them) to|never brings? (him|her|them)", "health appointments"),
    (r"won'?t let (us|me|the hv|the health visitor|anyone) in|refus\w* (entry|access)", "denying access to the child"),
    (r"not talking|speech|late walking|behind with", "developmental milestones"),
    (r"bullied|bullying|picked on", "bullying"),
    (r"no friends|lonely|isolated|withdrawn", "friendships isolated"),
    (r"tiktok|snapchat|instagram|online|social media", "internet social media"),
    (r"family friend|friend of the family|staying with (an? )?(aunt|friend|neighbour)", "private fostering"),
    (r"asylum|immigration|visa|no recourse", "legal entitlement to stay in the country"),
    (
        r"new phones?|expensive (trainers|clothes|gifts)|unexplained (money|gifts)",
        "unexplained gifts money exploitation",
    ),
    (r"older (men|boys|guys)|older boyfriend", "older adults exploitation"),
    (r"fabricat\w*|induced illness|fii|munchausen", "fabricated or induced illness"),
]
_COMPILED = [(re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE), terms) for pattern, terms in _PAIRS]


def guidance_terms(question: str) -> list[str]:
    """The guidance's words for the everyday words in the question."""
    lowered = question.lower()
    return [terms for pattern, terms in _COMPILED if pattern.search(question) and terms not in lowered]
