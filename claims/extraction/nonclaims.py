"""Sentences that read like claims but are not, by the annotation guidelines.

Thematic letters (conference outcomes, terms of reference, principles) are full of text
that names dates, numbers and places without asserting a checkable event:

- headings and title lines: "Principle 8: Oversight and coordination", "SUBSTANTIVE
  PRINCIPLES", a bare date line ("12 AND 13 MARCH 2025");
- normative statements addressed to States: "Member States should ...", "States are
  encouraged to ...", "... is essential to ...";
- plans and commitments: "The Committee will undertake a mission ...";
- the sender describing its own letter: "I am writing to formally present ...";
- reports of what a meeting discussed: "Participants recommended ...", "It was noted
  that ...".

Conference logistics ("the Conference was held on 12 March and attended by 153
participants") are checkable, but only ever general claims.
"""

from __future__ import annotations

import re

from claims.extraction.dates import DAY_MONTH
from claims.extraction.lang.en import EVENT_PATTERN

# A numbered label that opens a heading: "Principle 8:", "Working group sessions 4 and 6:".
LABEL = re.compile(
    r"^\W*[A-Z][\w-]*(?:\s+[\w-]+){0,3}?\s+(?:\d{1,3}|[IVX]{1,5})"
    r"(?:\s*(?:,|and|&|–|-)\s*(?:\d{1,3}|[IVX]{1,5}))*\s*[:.–-]\s"
)
# Sentences end in punctuation; headings do not (a list number run on from the next
# paragraph, "mission area 6.", is not an ending).
TRAILING_ITEM_NUMBER = re.compile(r"\s+(?:\d{1,3}|[IVX]{1,5}|[a-z])[.)]\s*$")
# "... and in injuries to 16.": after these words a closing number is a count, not an item.
COUNTING_WORDS = frozenset(
    "to of by at in on and for than from some over about nearly least approximately".split()  # noqa: SIM905
)
TERMINAL = re.compile(r"[.!?;:][”\"’)]*\s*$|[”\"]\s*$")
# Stricter than clauses.FINITE_VERB: "Lessons learned" and "Integrated approach" in a
# heading are not finite verbs, but an auxiliary or a modal always is.
AUXILIARY = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|shall|should|must|can|could|may|did|does)\b",
    re.I,
)
PAST_FORM = re.compile(r"\b\w{3,}ed\b")
DATE_ONLY = re.compile(
    r"^\W*(?:(?:on\s+)?(?:\d{1,2}(?:\s*(?:-|–|and|to)\s*\d{1,2})?\s+[A-Za-z]+|[A-Za-z]+\s+\d{1,2})"
    r"(?:,?\s+\d{4})?|[A-Za-z]+\s+\d{4})\W*$",
    re.I,
)
MONTH = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\b",
    re.I,
)

NORMATIVE = re.compile(
    r"\b(?:should|must|shall|ought\s+to)\s+(?:(?:also|further|always|not|only|therefore|\w+ly)\s+)*"
    # "should the parties return ...", "should it fail": a condition, not an obligation.
    r"(?!(?:have|the|they|it|this|that|these|those|any|such|there|he|she|we|you)\b)[a-z]+"
    r"|\b(?:is|are)\s+(?:\w+ly\s+)?(?:encouraged|urged|invited|called\s+upon|advised"
    r"|required|requested)\s+to\b"
    r"|\b(?:is|are|remains?)\s+(?:\w+ly\s+|also\s+)?(?:essential|crucial|critical|vital|key"
    r"|important|indispensable|necessary|imperative|paramount|fundamental|pivotal)"
    r"\s+(?:to|for|in|that|when)\b"
    r"|\bit\s+is\s+(?:\w+ly\s+)?(?:essential|crucial|critical|vital|important|necessary"
    r"|imperative|advisable|recommended)\b"
    r"|\b(?:is|are)\s+(?:\w+ly\s+)?(?:required|needed)\b(?!\s+(?:by|under|for|to)\b)",
    re.I,
)
# A stance, not a fact: "recognizes the significance of ...".
STANCE = re.compile(
    r"\b(?:recogni[sz]es?|acknowledges?|appreciates?|values?|welcomes?)\s+(?:\w+ly\s+)?the\s+"
    r"(?:significance|importance|role|value|need|contribution|efforts?|commitment)\b"
    r"|\b(?:reaffirms?|reiterates?|renews?|confirms?)\s+(?:its|their|our|his|her)\s+(?:\w+\s+)?"
    r"(?:commitment|support|position|solidarity|readiness)\b"
    # "Slovenia is committed to ...": a pledge about itself.
    r"|\b(?:is|are|remains?|has\s+been|have\s+been)\s+(?:\w+ly\s+|also\s+)?(?:committed|dedicated)"
    r"\s+to\b",
    re.I,
)
# A plan or commitment: the clause's verb is "will" + a verb, and nothing has happened yet.
FUTURE = re.compile(r"\b(?:will|shall)\s+(?:(?:also|further|then|soon|\w+ly)\s+)*(?!have\b)[a-z]+")
PAST_EVENT = re.compile(
    r"\b(?:was|were|has|have|had|killed|launched|attacked|struck|shelled|bombed|destroyed"
    r"|damaged|fired|seized|detained|arrested|announced|declared|stated)\b",
    re.I,
)
SENDER_PROCEDURE = re.compile(
    r"^\W*(?:I|We)\s+(?:am|are)\s+(?:\w+ly\s+)?(?:writing\s+to\s+(?:\w+ly\s+)?(?:present|transmit"
    r"|forward|submit|enclose|introduce|express)\b|(?:transmitting|forwarding|sending|enclosing"
    r"|attaching|submitting)\s+(?:to\s+you|you|herewith)\b)"
    r"|\b(?:I|we)\s+(?:would\s+like\s+to\s+|wish\s+to\s+)?take\s+this\s+opportunity\b"
    r"|\bexpress(?:ed|es|ing)?\s+(?:\w+\s+){0,2}(?:gratitude|thanks|appreciation)\b"
    r"|\blooks?\s+forward\s+to\b"
    r"|\bin\s+witness\s+whereof\b|^\W*Done\s+at\s+[A-Z]",
    re.I,
)
_SPEAKER = (
    r"(?:participants|speakers|panellists|panelists|delegations|delegates|attendees"
    r"|(?:the\s+)?(?:Vice-)?Chair(?:person|man)?(?:\s+of\s+the(?:\s+[A-Z][\w-]*){1,6})?"
    r"|(?:the\s+)?(?:moderator|co-chairs?|rapporteur)|representatives\s+(?:of|from)\s+[\w\s-]{3,60}?)"
)
_SAID = (
    r"(?:also\s+)?(?:noted|recalled|stressed|emphasized|emphasised|underlined|highlighted"
    r"|recommended|called|agreed|discussed|presented|shared|observed|acknowledged|pointed\s+out"
    r"|welcomed|offered|suggested|proposed|mentioned|expressed|reflected|explained|outlined)"
)
MEETING_DISCUSSION = re.compile(
    r"\b" + _SPEAKER + r"\s+" + _SAID + r"\b"
    r"|\b(?:he|she|they)\s+(?:also\s+)?(?:stressed|emphasized|emphasised|underlined|highlighted)"
    r"\s+that\b"
    r"|\b(?:was|were)\s+(?:also\s+)?(?:noted|stressed|emphasized|emphasised|highlighted|underlined"
    r"|recommended)\b"
    r"|\bit\s+was\s+(?:also\s+|further\s+)?(?:stated|noted|stressed|emphasized|emphasised|agreed"
    r"|highlighted|recommended|underlined|suggested|observed|recalled|mentioned|pointed\s+out)\b"
    r"|\b(?:was|were)\s+(?:also\s+)?(?:agreed|considered|deemed|recognized|recognised)\s+(?:to\s+be|as)\b"
    r"|\b(?:an\s+overview|examples?|good\s+practices|lessons)\s+(?:\w+\s+){0,6}?(?:was|were)\s+"
    r"(?:also\s+)?(?:provided|shared|presented|offered|discussed)\b",
    re.I,
)
MEETING_LOGISTICS = re.compile(
    r"\b(?:conference|summit|forum|workshop|seminar|symposium|webinar|round\s*table|retreat"
    r"|(?:high-level|ministerial|plenary)\s+meeting)s?\b[^.;]{0,160}?\b(?:held|attended|organized"
    r"|organised|co-organized|co-organised|hosted|convened|took\s+place|opened|closed|chaired)\b"
    r"|\b(?:held|attended|organized|organised|co-organized|co-organised|hosted|convened)\b"
    r"[^.;]{0,80}?\b(?:conference|summit|forum|workshop|seminar|symposium|webinar)\b",
    re.I,
)


TITLE_SMALL_WORDS = frozenset(
    "a an the of and or in on at to for from with by as into against via per vs".split()  # noqa: SIM905
)


def is_heading(text: str) -> bool:
    """A title, heading or date line: unpunctuated and without an auxiliary verb, and
    labelled, in Title Case or capitals, or nothing but a date."""
    body = _without_run_on_number(text.strip())
    # "Visit programme 6.": the next item's number ran on to a line that had no ending.
    ran_on = body != text.strip() and not TERMINAL.search(body)
    if is_date_line(body):
        return True
    if TERMINAL.search(body):
        return False
    if LABEL.match(body + " ") or CAPTION.search(body):
        return True
    if AUXILIARY.search(body) or len(body.split()) > 25:
        return False
    if ran_on and not PAST_FORM.search(body):
        return True
    return _title_like(body) or not (PAST_FORM.search(body) or EVENT_PATTERN.search(body))


def _without_run_on_number(text: str) -> str:
    number = TRAILING_ITEM_NUMBER.search(text)
    if not number:
        return text
    before = text[: number.start()].rstrip()
    last_word = before.rsplit(None, 1)[-1].lower() if before else ""
    if not last_word[-1:].isalpha() or last_word in COUNTING_WORDS:
        return text
    return before


def is_date_line(text: str) -> bool:
    """A date on its own ("2 May 2025", "12 AND 13 MARCH 2025") asserts nothing."""
    return bool(DATE_ONLY.match(text) and (MONTH.search(text) or DAY_MONTH.search(text)))


def _title_like(text: str) -> bool:
    """Title Case or capitals: every word but the short function words is capitalised."""
    words = re.findall(r"[^\W\d_][\w’'-]*", text)
    return bool(words) and all(w[0].isupper() or w.lower() in TITLE_SMALL_WORDS for w in words)


DOCUMENT_NOUN = re.compile(
    r"\b(?:report|summary|letter|resolution|decision|judgment|judgement|order|note|document"
    r"|communiqué|statement|opinion)s?\b",
    re.I,
)


def _reports_a_meeting(text: str) -> bool:
    said = MEETING_DISCUSSION.search(text)
    return bool(said) and not DOCUMENT_NOUN.search(text, 0, said.start())


def non_claim_reason(text: str) -> str | None:
    """Why a clause is not a claim under the rules above, or None."""
    if is_heading(text):
        return "heading"
    if SENDER_PROCEDURE.search(text):
        return "procedure"
    if NORMATIVE.search(text):
        return "normative statement"
    if STANCE.search(text):
        return "stance"
    if _reports_a_meeting(text):
        return "report of a meeting's discussion"
    if FUTURE.search(text) and not PAST_EVENT.search(FUTURE.sub(" ", text)):
        return "plan or commitment"
    return None


def is_meeting_logistics(text: str) -> bool:
    """Conference logistics ("held on ..., attended by ...") are checkable, but general."""
    return bool(MEETING_LOGISTICS.search(text))


# Where the body starts after a heading that the cleaner ran into it: "... coordination
# mechanism States should establish ..." (a lower-case word, or a closing bracket, then a
# capitalised word that is not part of a name).
CAPITALISED_WORD = re.compile(r"\s+(?=[A-Z])")
NAME_LINKS = frozenset("of the and in on at for to by from with near de du al el la le".split())  # noqa: SIM905
SENTENCE_OPENERS = frozenset("The This These In An A It Its Such States Member".split())  # noqa: SIM905


def _body_may_start(head: str, next_word: str) -> bool:
    last_word = head.rsplit(None, 1)[-1] if head.split() else ""
    if next_word in SENTENCE_OPENERS:
        return True
    if last_word.endswith(")"):
        return True
    return last_word[-1:].islower() and last_word.lower() not in NAME_LINKS


# "Consequences of the attack on the city (7 June 2025)": a caption ends in a bracketed date.
CAPTION = re.compile(
    r"^(?!(?:On|In|At|During|From|Between|Since|Later|Earlier|By|After|Before)\b)[A-Z].*"
    r"\((?:\d{1,2}\s+)?[A-Z][a-z]+\s+(?:\d{1,2},\s+)?\d{4}\)\s*$"
)


def heading_end(sentence: str) -> int | None:
    """Length of a heading run into the start of `sentence`, or None when there is none."""
    labelled = LABEL.match(sentence)
    start = labelled.end() if labelled else 0
    for join in CAPITALISED_WORD.finditer(sentence, start + 1):
        head, body = sentence[: join.start()], sentence[join.end() :]
        if not _body_may_start(head, body.split(None, 1)[0]):
            continue
        if len(head.split()) < 2 or len(head.split()) > 20:
            continue
        if AUXILIARY.search(head) or TERMINAL.search(head) or not AUXILIARY.search(body):
            continue
        if labelled or _title_like(head) or CAPTION.search(head):
            return join.start()
    return None
