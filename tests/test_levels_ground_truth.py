"""Ground truth: which level, domain and subdomain each quoted guidance text belongs to.

Every expected value below was read from the source documents by a person (column
position counted by tabs; domain/subdomain from the headings above the row), NOT
produced by running the parser. Do not change an expected value to make the parser
pass: the source text is the truth.

Source files (byte-identical copies of /work/shared/seeds/*):
  corpus/pan-bedfordshire.txt      <- 000_c88013767be01c51.txt
  corpus/bedford-borough-2015.txt  <- 001_ab41223becd8f4e5.txt
  corpus/london-2022.txt           <- 002_6232be981ab73789.txt
  corpus/luton-2022.txt            <- 003_257c73a39b9ba0ab.txt
  corpus/tiers-1-4-matrix.txt      <- 004_6569c84fcf0a089a.txt

Each quote is copied (HTML tags removed) from ONE cell / bullet, does not span a
page-break cut, and occurs in only one cell of its document. The comment above each
case gives the source line and tab column.
"""

import re
from pathlib import Path

import pytest

from ingestion.pipeline import corpus_units
from ingestion.text import normalise

CORPUS_DIR = Path(__file__).resolve().parents[1] / "corpus"
CELL_KINDS = ("matrix_cell", "indicator")


@pytest.fixture(scope="module")
def units():
    return corpus_units(CORPUS_DIR)


def loose(s):
    """normalise(), then treat any punctuation as a word break.

    Domains differ between documents only by punctuation and spacing
    ("Development of the baby, child, or young person" vs "... child or ...",
    "MENTAL/EMOTIONAL HEALTH" vs "MENTAL / EMOTIONAL HEALTH").
    """
    return " ".join(re.sub(r"[^0-9a-z]+", " ", normalise(s)).split())


CASES = [
    # ---- pan-bedfordshire ----
    # pan-bedfordshire line 81, column 4
    pytest.param(
        "pan-bedfordshire",
        "Carer denying professional staff access to the child",
        4,
        "Health",
        None,
        id="pan-bedfordshire-health-L4-carer-denying-professional",
    ),
    # pan-bedfordshire line 86, column 3
    pytest.param(
        "pan-bedfordshire",
        "LAC or Care Leaver or vulnerable child who is pregnant",
        3,
        "Health",
        None,
        id="pan-bedfordshire-health-L3-lac-or-care",
    ),
    # pan-bedfordshire line 96, column 2: continuation line (after blank + repeated domain header), empty level-1 cell
    pytest.param(
        "pan-bedfordshire",
        "History of mental health condition but have been assessed and discharged home",
        2,
        "Mental/emotional health",
        None,
        id="pan-bedfordshire-mental-emotional-health-L2-history-of-mental",
    ),
    # pan-bedfordshire line 96, column 4: continuation line (after blank + repeated domain header), empty level-1 cell
    pytest.param(
        "pan-bedfordshire",
        "Child has ongoing suicidal ideation following attempt",
        4,
        "Mental/emotional health",
        None,
        id="pan-bedfordshire-mental-emotional-health-L4-child-has-ongoing",
    ),
    # pan-bedfordshire line 100, column 1: row with EMPTY level-2 cell: "...concerns.\t\tSome concern..."
    pytest.param(
        "pan-bedfordshire",
        "LA notified the child is privately fostered by adults who can provide",
        1,
        "Mental/emotional health",
        None,
        id="pan-bedfordshire-mental-emotional-health-L1-la-notified-the",
    ),
    # pan-bedfordshire line 100, column 3: row with EMPTY level-2 cell: "...concerns.\t\tSome concern..."
    pytest.param(
        "pan-bedfordshire",
        "The local authority has not been notified of the private fostering arrangement",
        3,
        "Mental/emotional health",
        None,
        id="pan-bedfordshire-mental-emotional-health-L3-the-local-authority",
    ),
    # pan-bedfordshire line 108, column 1: domain from the "## EDUCATION" markdown heading
    pytest.param(
        "pan-bedfordshire",
        "The carer positively supports learning and aspirations and engages with school",
        1,
        "Education",
        None,
        id="pan-bedfordshire-education-L1-the-carer-positively",
    ),
    # pan-bedfordshire line 117, column 3
    pytest.param(
        "pan-bedfordshire",
        "High level of self-sufficiency is observed in a child",
        3,
        "Abuse and neglect",
        None,
        id="pan-bedfordshire-abuse-and-neglect-L3-high-level-of",
    ),
    # pan-bedfordshire line 131, column 4
    pytest.param(
        "pan-bedfordshire",
        "Charged or convicted of Aggravated Robbery",
        4,
        "Police attention",
        None,
        id="pan-bedfordshire-police-attention-L4-charged-or-convicted",
    ),
    # pan-bedfordshire line 139, column 3: row with EMPTY level-2 cell
    pytest.param(
        "pan-bedfordshire",
        "There are concerns that a child may be subjected to Forced Marriage",
        3,
        "Harmful practices",
        None,
        id="pan-bedfordshire-harmful-practices-L3-there-are-concerns",
    ),
    # pan-bedfordshire line 144, column 2
    pytest.param(
        "pan-bedfordshire",
        "Child refers to own and family ideologies",
        2,
        "Extremism & radicalisation",
        None,
        id="pan-bedfordshire-extremism-radicalisation-L2-child-refers-to",
    ),
    # pan-bedfordshire line 152, column 4
    pytest.param(
        "pan-bedfordshire",
        "putting the child at such risk that intensive specialist resources are required",
        4,
        "Drug / substance misuse",
        None,
        id="pan-bedfordshire-drug-substance-misuse-L4-putting-the-child",
    ),
    # pan-bedfordshire line 170, column 2: row with EMPTY level-1 cell (new row, not a continuation)
    pytest.param(
        "pan-bedfordshire",
        "Information has become known that a person living in the house",
        2,
        "Domestic abuse",
        None,
        id="pan-bedfordshire-domestic-abuse-L2-information-has-become",
    ),
    # pan-bedfordshire line 176, column 4
    pytest.param(
        "pan-bedfordshire",
        "Devices need to be removed, and/or access restricted at all times",
        4,
        "Social development",
        None,
        id="pan-bedfordshire-social-development-L4-devices-need-to",
    ),
    # pan-bedfordshire line 181, column 2: rows after the "## SOCIAL DEVELOPMENT" heading (no Level header line)
    pytest.param(
        "pan-bedfordshire",
        "Child is affected and possibly becoming involved in low level anti-social behaviour",
        2,
        "Social development",
        None,
        id="pan-bedfordshire-social-development-L2-child-is-affected",
    ),
    # pan-bedfordshire line 188, column 4
    pytest.param(
        "pan-bedfordshire",
        "Found in areas/properties known for exploitation/violence",
        4,
        "Extra-familial harm",
        "Places/Spaces",
        id="pan-bedfordshire-efh-places-spaces-L4-found-in-areas",
    ),
    # pan-bedfordshire line 190, column 2
    pytest.param(
        "pan-bedfordshire",
        "Some indications of negatively influential peers",
        2,
        "Extra-familial harm",
        "Peer Group / External Relationships",
        id="pan-bedfordshire-efh-peer-group-L2-some-indications-of",
    ),
    # pan-bedfordshire line 192, column 3
    pytest.param(
        "pan-bedfordshire",
        "Despite attempts, practitioner have been unable to engage the child to date",
        3,
        "Extra-familial harm",
        "Practitioner Engagement",
        id="pan-bedfordshire-efh-practitioner-engagement-L3-despite-attempts-practitioner",
    ),
    # pan-bedfordshire line 194, column 1
    pytest.param(
        "pan-bedfordshire",
        "Their whereabouts are always known to their carers, and they answer their phone",
        1,
        "Extra-familial harm",
        "Missing",
        id="pan-bedfordshire-efh-missing-L1-their-whereabouts-are",
    ),
    # ---- london-2022 ----
    # london-2022 line 43, column 2
    pytest.param(
        "london-2022",
        "The child rarely accesses appropriate health and health advice services",
        2,
        "Health",
        None,
        id="london-2022-health-L2-the-child-rarely",
    ),
    # london-2022 line 47, column 3
    pytest.param(
        "london-2022",
        "Growth falling 2 centile ranges or more, without an apparent health problem",
        3,
        "Health",
        None,
        id="london-2022-health-L3-growth-falling-2",
    ),
    # london-2022 line 55, column 3: continuation line after page break, empty level-1 cell
    pytest.param(
        "london-2022",
        "Child is under the care of hospital engaging with mental health services",
        3,
        "Mental / emotional health",
        None,
        id="london-2022-mental-emotional-health-L3-child-is-under",
    ),
    # london-2022 line 58, column 3: line with EMPTY level-1 and level-2 cells directly after row 57
    pytest.param(
        "london-2022",
        "Carer has expressed suicidal ideation with no known plan of intent",
        3,
        "Mental / emotional health",
        None,
        id="london-2022-mental-emotional-health-L3-carer-has-expressed",
    ),
    # london-2022 line 58, column 4: line with EMPTY level-1 and level-2 cells directly after row 57
    pytest.param(
        "london-2022",
        "Carer has ongoing suicidal ideation following attempt",
        4,
        "Mental / emotional health",
        None,
        id="london-2022-mental-emotional-health-L4-carer-has-ongoing",
    ),
    # london-2022 line 60, column 3: row with EMPTY level-2 cell
    pytest.param(
        "london-2022",
        "The local authority hasn't been notified of the private fostering arrangement",
        3,
        "Mental / emotional health",
        None,
        id="london-2022-mental-emotional-health-L3-the-local-authority",
    ),
    # london-2022 line 64, column 4
    pytest.param(
        "london-2022",
        "Lack of trust in education system",
        4,
        "Education",
        None,
        id="london-2022-education-L4-lack-of-trust",
    ),
    # london-2022 line 64, column 1
    pytest.param(
        "london-2022",
        "Child is in education/training with no barriers to learning",
        1,
        "Education",
        None,
        id="london-2022-education-L1-child-is-in",
    ),
    # london-2022 line 95, column 1
    pytest.param(
        "london-2022",
        "Young person has been stopped but not searched",
        1,
        "Police attention",
        None,
        id="london-2022-police-attention-L1-young-person-has",
    ),
    # london-2022 line 102, column 4
    pytest.param(
        "london-2022",
        "Upon return from country where practice is prevalent, noticeable changes in child",
        4,
        "Harmful practices",
        None,
        id="london-2022-harmful-practices-L4-upon-return-from",
    ),
    # london-2022 line 103, column 1: row with EMPTY level-2 cell
    pytest.param(
        "london-2022",
        "There are no concerns a child is at risk of Forced Marriage",
        1,
        "Harmful practices",
        None,
        id="london-2022-harmful-practices-L1-there-are-no",
    ),
    # london-2022 line 112, column 4: continuation line: only the level-4 cell is filled
    pytest.param(
        "london-2022",
        "Significant concerns that the child is being groomed for involvement in extremist activities",
        4,
        "Extremism & radicalisation",
        None,
        id="london-2022-extremism-radicalisation-L4-significant-concerns-that",
    ),
    # london-2022 line 119, column 3
    pytest.param(
        "london-2022",
        "Drug/alcohol use has escalated to the point where the child is worrying",
        3,
        "Drug / substance misuse",
        None,
        id="london-2022-drug-substance-misuse-L3-drug-alcohol-use",
    ),
    # london-2022 line 125, column 2
    pytest.param(
        "london-2022",
        "disabilities which occasionally impedes their ability to provide consistent patterns of care",
        2,
        "Disability",
        None,
        id="london-2022-disability-L2-disabilities-which-occasionally",
    ),
    # london-2022 line 140, column 1: domain from the "**DOMESTIC ABUSE**" bold heading
    pytest.param(
        "london-2022",
        "Expectant mother or parent is not in an abusive relationship",
        1,
        "Domestic abuse",
        None,
        id="london-2022-domestic-abuse-L1-expectant-mother-or",
    ),
    # london-2022 line 142, column 3: row with EMPTY level-1 cell
    pytest.param(
        "london-2022",
        "Confirmation previous domestic abuse perpetrator residing at property",
        3,
        "Domestic abuse",
        None,
        id="london-2022-domestic-abuse-L3-confirmation-previous-domestic",
    ),
    # london-2022 line 148, column 3: domain from the "**SOCIAL DEVELOPMENT**" bold heading
    pytest.param(
        "london-2022",
        "Child has multiple carers; may have no significant or positive relationship",
        3,
        "Social development",
        None,
        id="london-2022-social-development-L3-child-has-multiple",
    ),
    # london-2022 line 153, column 4
    pytest.param(
        "london-2022",
        "Evidence a child has been exposed or involved in criminal activity to generate income",
        4,
        "Social development",
        None,
        id="london-2022-social-development-L4-evidence-a-child",
    ),
    # london-2022 line 159, column 2
    pytest.param(
        "london-2022",
        "Child/ young person identifies and informs professionals of unsafe locations",
        2,
        "Extra-familial harm",
        "Places / Spaces",
        id="london-2022-efh-places-spaces-L2-child-young-person",
    ),
    # london-2022 line 161, column 4
    pytest.param(
        "london-2022",
        "Is being exploited to 'recruit' others",
        4,
        "Extra-familial harm",
        "Peer Group / External Relationships",
        id="london-2022-efh-peer-group-L4-is-being-exploited",
    ),
    # london-2022 line 163, column 1
    pytest.param(
        "london-2022",
        "Trusted adult in professional network",
        1,
        "Extra-familial harm",
        "Professional Engagement",
        id="london-2022-efh-professional-engagement-L1-trusted-adult-in",
    ),
    # ---- bedford-borough-2015 ----
    # bedford-borough-2015 line 157, column 4
    pytest.param(
        "bedford-borough-2015",
        "Developmental milestones are significantly delayed or impaired",
        4,
        "Development of the baby, child, or young person",
        "The child's education and employment",
        id="bedford-borough-2015-the-child-s-L4-developmental-milestones-are",
    ),
    # bedford-borough-2015 line 159, column 3: row with EMPTY level-4 cell
    pytest.param(
        "bedford-borough-2015",
        "The young person refuses to engage with educational or employment opportunities",
        3,
        "Development of the baby, child, or young person",
        "The child's education and employment",
        id="bedford-borough-2015-the-child-s-L3-the-young-person",
    ),
    # bedford-borough-2015 line 165, column 1
    pytest.param(
        "bedford-borough-2015",
        "The child undertakes regular physical activities and has a healthy diet",
        1,
        "Development of the baby, child, or young person",
        "The child's health",
        id="bedford-borough-2015-the-child-s-L1-the-child-undertakes",
    ),
    # bedford-borough-2015 line 169, column 4
    pytest.param(
        "bedford-borough-2015",
        "such a negative sense of self and abilities that there is evidence or likelihood",
        4,
        "Development of the baby, child, or young person",
        "The child's emotional wellbeing",
        id="bedford-borough-2015-the-child-s-L4-such-a-negative",
    ),
    # bedford-borough-2015 line 176, column 2
    pytest.param(
        "bedford-borough-2015",
        "The child has communication difficulties and poor interaction with others",
        2,
        "Development of the baby, child, or young person",
        "The child's social development",
        id="bedford-borough-2015-the-child-s-L2-the-child-has",
    ),
    # bedford-borough-2015 line 184, column 3
    pytest.param(
        "bedford-borough-2015",
        "neglects to use, self-care and independent living skills appropriate to their age",
        3,
        "Development of the baby, child, or young person",
        "The child's behaviour",
        id="bedford-borough-2015-the-child-s-L3-neglects-to-use",
    ),
    # bedford-borough-2015 line 200, column 2
    pytest.param(
        "bedford-borough-2015",
        "sometimes come to nursery/ school in dirty clothing",
        2,
        "Development of the baby, child, or young person",
        "Abuse and neglect",
        id="bedford-borough-2015-abuse-and-neglect-L2-sometimes-come-to",
    ),
    # bedford-borough-2015 line 211, column 3
    pytest.param(
        "bedford-borough-2015",
        "socially excluded and isolated to the extent that it has an adverse impact",
        3,
        "Environmental factors",
        None,
        id="bedford-borough-2015-environmental-L3-socially-excluded-and",
    ),
    # bedford-borough-2015 line 225, column 1
    pytest.param(
        "bedford-borough-2015",
        "The child and their family have no links to proscribed organisations",
        1,
        "Environmental factors",
        None,
        id="bedford-borough-2015-environmental-L1-the-child-and",
    ),
    # bedford-borough-2015 line 234, column 2
    pytest.param(
        "bedford-borough-2015",
        "Parent/s receives a diagnosis of disability of unborn baby",
        2,
        "Parental and family factors",
        "Parenting during pregnancy and infancy",
        id="bedford-borough-2015-parenting-during-pregnancy-L2-parent-s-receives",
    ),
    # bedford-borough-2015 line 244, column 4
    pytest.param(
        "bedford-borough-2015",
        "actively obstructed and discouraged from success in the labour market",
        4,
        "Parental and family factors",
        "Meeting the educational and employment needs of the child",
        id="bedford-borough-2015-meeting-the-educational-L4-actively-obstructed-and",
    ),
    # bedford-borough-2015 line 251, column 1
    pytest.param(
        "bedford-borough-2015",
        "The parent/ carer sets consistent boundaries and give guidance",
        1,
        "Parental and family factors",
        "Meeting the emotional needs of the child",
        id="bedford-borough-2015-meeting-the-emotional-L1-the-parent-carer",
    ),
    # bedford-borough-2015 line 256, column 2: row with EMPTY level-1 cell, after the continuation line 255
    pytest.param(
        "bedford-borough-2015",
        "live with an adult or older child who has extreme views",
        2,
        "Parental and family factors",
        "Meeting the emotional needs of the child",
        id="bedford-borough-2015-meeting-the-emotional-L2-live-with-an",
    ),
    # bedford-borough-2015 line 257, column 3: row with EMPTY level-1 cell
    pytest.param(
        "bedford-borough-2015",
        "A child is being sent violent extremist imagery by family members",
        3,
        "Parental and family factors",
        "Meeting the emotional needs of the child",
        id="bedford-borough-2015-meeting-the-emotional-L3-a-child-is",
    ),
    # bedford-borough-2015 line 258, column 4: row with EMPTY level-1 cell
    pytest.param(
        "bedford-borough-2015",
        "are making plans to travel to a conflict zone and there is evidence",
        4,
        "Parental and family factors",
        "Meeting the emotional needs of the child",
        id="bedford-borough-2015-meeting-the-emotional-L4-are-making-plans",
    ),
    # bedford-borough-2015 line 260, column 2
    pytest.param(
        "bedford-borough-2015",
        "occasionally makes inappropriate or inadequate provisions for food, drink, warmth and shelter",
        2,
        "Parental and family factors",
        "Meeting the practical needs of the child",
        id="bedford-borough-2015-meeting-the-practical-L2-occasionally-makes-inappropriate",
    ),
    # bedford-borough-2015 line 266, column 1
    pytest.param(
        "bedford-borough-2015",
        "The expectant mother or parent/carer is not in an abusive relationship",
        1,
        "Parental and family factors",
        "Domestic abuse",
        id="bedford-borough-2015-domestic-abuse-L1-the-expectant-mother",
    ),
    # bedford-borough-2015 line 274, column 2
    pytest.param(
        "bedford-borough-2015",
        "learning difficulties occasionally impedes their ability to provide consistent patterns of care",
        2,
        "Parental and family factors",
        "Parental and family health issues and disability",
        id="bedford-borough-2015-parental-and-family-L2-learning-difficulties-occasionally",
    ),
    # bedford-borough-2015 line 283, column 3
    pytest.param(
        "bedford-borough-2015",
        "Parent or carer has expressed thoughts that they may sexually abuse their child",
        3,
        "Parental and family factors",
        "Protection from harm: physical or sexual abuse",
        id="bedford-borough-2015-protection-from-harm-L3-parent-or-carer",
    ),
    # bedford-borough-2015 line 288, column 4
    pytest.param(
        "bedford-borough-2015",
        "parents/carer are opposed to resisting these practices",
        4,
        "Parental and family factors",
        "Protection from harm: physical or sexual abuse",
        id="bedford-borough-2015-protection-from-harm-L4-parents-carer-are",
    ),
    # bedford-borough-2015 line 290, column 3: subdomain line is "<p><b>Criminal or anti-social behaviour</b></p>"
    pytest.param(
        "bedford-borough-2015",
        "a member of the family (parent, carer, child) which may impact",
        3,
        "Parental and family factors",
        "Criminal or anti-social behaviour",
        id="bedford-borough-2015-criminal-or-anti-L3-a-member-of",
    ),
    # ---- tiers-1-4-matrix ----
    # tiers-1-4-matrix line 19, column 2
    pytest.param(
        "tiers-1-4-matrix",
        "Child may be on school action or action plus/SEN statement",
        2,
        "Development of the baby, child or young person",
        "The child's health",
        id="tiers-1-4-matrix-the-child-s-L2-child-may-be",
    ),
    # tiers-1-4-matrix line 19, column 1
    pytest.param(
        "tiers-1-4-matrix",
        "The child is healthy and does not have a physical or mental health condition",
        1,
        "Development of the baby, child or young person",
        "The child's health",
        id="tiers-1-4-matrix-the-child-s-L1-the-child-is",
    ),
    # tiers-1-4-matrix line 28, column 3
    pytest.param(
        "tiers-1-4-matrix",
        "inability of their parent/carer to emotionally engage with them",
        3,
        "Development of the baby, child or young person",
        "The child's emotional wellbeing",
        id="tiers-1-4-matrix-the-child-s-L3-inability-of-their",
    ),
    # tiers-1-4-matrix line 31, column 4
    pytest.param(
        "tiers-1-4-matrix",
        "is going missing from school or home and is thought to be at risk",
        4,
        "Development of the baby, child or young person",
        "The child's emotional wellbeing",
        id="tiers-1-4-matrix-the-child-s-L4-is-going-missing",
    ),
    # tiers-1-4-matrix line 41, column 1
    pytest.param(
        "tiers-1-4-matrix",
        "The child demonstrates self-control appropriate with their age and development",
        1,
        "Development of the baby, child or young person",
        "The child's behaviour",
        id="tiers-1-4-matrix-the-child-s-L1-the-child-demonstrates",
    ),
    # tiers-1-4-matrix line 63, column 4
    pytest.param(
        "tiers-1-4-matrix",
        "which are not accounted for. The child makes disclosure and implicates parents",
        4,
        "Development of the baby, child or young person",
        "Abuse and neglect",
        id="tiers-1-4-matrix-abuse-and-neglect-L4-which-are-not",
    ),
    # tiers-1-4-matrix line 74, column 2
    pytest.param(
        "tiers-1-4-matrix",
        "the parents are working with support services to address these issues",
        2,
        "Environmental Factors",
        None,
        id="tiers-1-4-matrix-environmental-L2-the-parents-are",
    ),
    # tiers-1-4-matrix line 76, column 1
    pytest.param(
        "tiers-1-4-matrix",
        "ensures access to balconies is restricted unless a young child is with an adult",
        1,
        "Environmental Factors",
        None,
        id="tiers-1-4-matrix-environmental-L1-ensures-access-to",
    ),
    # tiers-1-4-matrix line 87, column 3
    pytest.param(
        "tiers-1-4-matrix",
        "The child is a repeated victim and/or perpetrator of bullying",
        3,
        "Environmental Factors",
        None,
        id="tiers-1-4-matrix-environmental-L3-the-child-is",
    ),
    # tiers-1-4-matrix line 93, column 4: domain line 89 is followed by a one-cell description line 90 before the header
    pytest.param(
        "tiers-1-4-matrix",
        "using drugs and alcohol excessively whilst pregnant",
        4,
        "Parental and Family Factors",
        "Parenting during pregnancy and infancy",
        id="tiers-1-4-matrix-parenting-during-pregnancy-L4-using-drugs-and",
    ),
    # tiers-1-4-matrix line 102, column 3
    pytest.param(
        "tiers-1-4-matrix",
        "are not always met by the parents, with additional support required",
        3,
        "Parental and Family Factors",
        "Meeting the health needs of the child",
        id="tiers-1-4-matrix-meeting-the-health-L3-are-not-always",
    ),
    # tiers-1-4-matrix line 106, column 1
    pytest.param(
        "tiers-1-4-matrix",
        "The young person is supported to success in the labour market",
        1,
        "Parental and Family Factors",
        "Meeting the educational and employment needs of the child",
        id="tiers-1-4-matrix-meeting-the-educational-L1-the-young-person",
    ),
    # tiers-1-4-matrix line 113, column 2
    pytest.param(
        "tiers-1-4-matrix",
        "The parent/ carer struggles to set age appropriate boundaries",
        2,
        "Parental and Family Factors",
        "Meeting the emotional needs of the child",
        id="tiers-1-4-matrix-meeting-the-emotional-L2-the-parent-carer",
    ),
    # tiers-1-4-matrix line 119, column 2: row with EMPTY level-1 cell, after the continuation line 117
    pytest.param(
        "tiers-1-4-matrix",
        "unsupervised access to computers which means they may view violent extremist imagery",
        2,
        "Parental and Family Factors",
        "Meeting the emotional needs of the child",
        id="tiers-1-4-matrix-meeting-the-emotional-L2-unsupervised-access-to",
    ),
    # tiers-1-4-matrix line 119, column 4: row with EMPTY level-1 cell, after the continuation line 117
    pytest.param(
        "tiers-1-4-matrix",
        "A child is circulating violent extremist images and is promoting the actions",
        4,
        "Parental and Family Factors",
        "Meeting the emotional needs of the child",
        id="tiers-1-4-matrix-meeting-the-emotional-L4-a-child-is",
    ),
    # tiers-1-4-matrix line 120, column 3: row with EMPTY level-1 cell
    pytest.param(
        "tiers-1-4-matrix",
        "express strong support for extremist views and a generalised, non-specific intention",
        3,
        "Parental and Family Factors",
        "Meeting the emotional needs of the child",
        id="tiers-1-4-matrix-meeting-the-emotional-L3-express-strong-support",
    ),
    # tiers-1-4-matrix line 124, column 3
    pytest.param(
        "tiers-1-4-matrix",
        "indifference to the importance of providing clean, age appropriate clothes",
        3,
        "Parental and Family Factors",
        "Meeting the practical needs of the child",
        id="tiers-1-4-matrix-meeting-the-practical-L3-indifference-to-the",
    ),
    # tiers-1-4-matrix line 134, column 2
    pytest.param(
        "tiers-1-4-matrix",
        "There have been infrequent instances of economically controlling behaviour",
        2,
        "Parental and Family Factors",
        "Domestic abuse",
        id="tiers-1-4-matrix-domestic-abuse-L2-there-have-been",
    ),
    # tiers-1-4-matrix line 133, column 1
    pytest.param(
        "tiers-1-4-matrix",
        "There are no instances of emotionally abusive, controlling or coercive behaviour",
        1,
        "Parental and Family Factors",
        "Domestic abuse",
        id="tiers-1-4-matrix-domestic-abuse-L1-there-are-no",
    ),
    # tiers-1-4-matrix line 139, column 2
    pytest.param(
        "tiers-1-4-matrix",
        "create an adult focus which at times detracts attention away from the child",
        2,
        "Parental and Family Factors",
        "Parental and family health issues and disability",
        id="tiers-1-4-matrix-parental-and-family-L2-create-an-adult",
    ),
    # tiers-1-4-matrix line 147, column 4
    pytest.param(
        "tiers-1-4-matrix",
        "There is a risk the parent/carer may sexually abuse their child",
        4,
        "Parental and Family Factors",
        "Protection from harm: physical or sexual abuse",
        id="tiers-1-4-matrix-protection-from-harm-L4-there-is-a",
    ),
    # tiers-1-4-matrix line 155, column 4
    pytest.param(
        "tiers-1-4-matrix",
        "There is a known involvement in gang activity which is impacting significantly",
        4,
        "Parental and Family Factors",
        "Criminal or anti-social behaviour",
        id="tiers-1-4-matrix-criminal-or-anti-L4-there-is-a",
    ),
    # ---- luton-2022 ----
    # luton-2022 line 583
    pytest.param(
        "luton-2022",
        "Developmental and health checks / immunisations up to date",
        1,
        "Health",
        None,
        id="luton-2022-health-L1-developmental-and-health",
    ),
    # luton-2022 line 599
    pytest.param(
        "luton-2022",
        "Responds appropriately to boundaries and constructive guidance",
        1,
        "Behavioural development",
        None,
        id="luton-2022-behavioural-development-L1-responds-appropriately-to",
    ),
    # luton-2022 line 641
    pytest.param(
        "luton-2022",
        "Accommodation has basic amenities and appropriate facilities",
        1,
        "Housing, work and income",
        None,
        id="luton-2022-housing-work-and-L1-accommodation-has-basic",
    ),
    # luton-2022 line 660
    pytest.param(
        "luton-2022",
        "Limited or restricted diet e.g. no breakfast, no lunch money",
        2,
        "Health",
        None,
        id="luton-2022-health-L2-limited-or-restricted",
    ),
    # luton-2022 line 680
    pytest.param(
        "luton-2022",
        "Finds positive interaction difficult with peers in unstructured contexts",
        2,
        "Behavioural development",
        None,
        id="luton-2022-behavioural-development-L2-finds-positive-interaction",
    ),
    # luton-2022 line 691
    pytest.param(
        "luton-2022",
        "Child/young person provocative in behaviour/ appearance",
        2,
        "Identity and self-esteem",
        None,
        id="luton-2022-identity-and-self-L2-child-young-person",
    ),
    # luton-2022 line 770
    pytest.param(
        "luton-2022",
        "Rent arrears put family at risk of eviction or proceedings initiated",
        2,
        "Housing, work and income",
        None,
        id="luton-2022-housing-work-and-L2-rent-arrears-put",
    ),
    # luton-2022 line 791
    pytest.param(
        "luton-2022",
        "Young carer whose development is being compromised",
        3,
        "Emotional development",
        None,
        id="luton-2022-emotional-development-L3-young-carer-whose",
    ),
    # luton-2022 line 798
    pytest.param(
        "luton-2022",
        "Changed behaviour and reference to radicalised thoughts and threats to act",
        3,
        "Behavioural development",
        None,
        id="luton-2022-behavioural-development-L3-changed-behaviour-and",
    ),
    # luton-2022 line 846
    pytest.param(
        "luton-2022",
        "Multiple incidents of unsafe behaviour at home resulting in harm",
        3,
        "Guidance, boundaries and stimulation",
        None,
        id="luton-2022-guidance-boundaries-and-L3-multiple-incidents-of",
    ),
    # luton-2022 line 850
    pytest.param(
        "luton-2022",
        "Chronic unemployment that has severely affected parents' own identities",
        3,
        "Housing, work and income",
        None,
        id="luton-2022-housing-work-and-L3-chronic-unemployment-that",
    ),
    # luton-2022 line 868
    pytest.param(
        "luton-2022",
        "Serious dental decay through persistent lack of dental care",
        4,
        "Health",
        None,
        id="luton-2022-health-L4-serious-dental-decay",
    ),
    # luton-2022 line 894
    pytest.param(
        "luton-2022",
        "Family breakdown related to child's behavioural difficulties",
        4,
        "Family and social relationships",
        None,
        id="luton-2022-family-and-social-L4-family-breakdown-related",
    ),
    # luton-2022 line 930
    pytest.param(
        "luton-2022",
        "Serious or persistent offending behaviour likely to lead to custody",
        4,
        "Other indicators",
        None,
        id="luton-2022-other-indicators-L4-serious-or-persistent",
    ),
    # luton-2022 line 951
    pytest.param(
        "luton-2022",
        "Requesting young child be accommodated",
        4,
        "Emotional warmth and stability",
        None,
        id="luton-2022-emotional-warmth-and-L4-requesting-young-child",
    ),
]


def test_case_table_is_broad():
    docs = {}
    for p in CASES:
        doc, _quote, level, _domain, _sub = p.values
        docs.setdefault(doc, set()).add(level)
    assert len(CASES) >= 48
    assert set(docs) == {"pan-bedfordshire", "bedford-borough-2015", "london-2022", "tiers-1-4-matrix", "luton-2022"}
    for doc, levels in docs.items():
        assert levels == {1, 2, 3, 4}, doc


@pytest.mark.parametrize("doc_id, quote, level, domain, subdomain", CASES)
def test_quote_has_expected_level_domain_subdomain(units, doc_id, quote, level, domain, subdomain):
    needle = normalise(quote)
    candidates = [u for u in units if u.doc_id == doc_id and u.kind in CELL_KINDS]
    assert candidates, f"no matrix_cell/indicator units for {doc_id}"
    hits = [u for u in candidates if needle in normalise(u.text)]
    assert len(hits) == 1, (
        f"expected exactly one {CELL_KINDS} unit of {doc_id} containing {quote!r}, "
        f"got {len(hits)}: {[(u.id, u.level, u.source.line_start) for u in hits]}"
    )
    unit = hits[0]
    assert unit.level == level, (unit.id, unit.level, unit.text[:120])
    assert unit.domain is not None, (unit.id, "domain is None")
    assert loose(unit.domain) == loose(domain), (unit.id, unit.domain, domain)
    if subdomain is None:
        assert unit.subdomain is None, (unit.id, unit.subdomain)
    else:
        assert unit.subdomain is not None, (unit.id, "subdomain is None", subdomain)
        assert loose(unit.subdomain) == loose(subdomain), (unit.id, unit.subdomain, subdomain)
