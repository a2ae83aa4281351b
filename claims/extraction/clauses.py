"""Split a sentence into clauses that each carry one event or figure.

Cuts are made at semicolons, before a comma-led new date ("..., and on 3 June, X bombed")
and at ", and"/", while"/", but" when both sides have a verb of their own; a reporting
preamble ("I should like to inform you that", "it must be stressed that") is cut off so
the clause starts at the assertion itself.
"""

from __future__ import annotations

import re

from claims.extraction.casualties import find_casualties, has_quantity
from claims.extraction.dates import DAY_MONTH
from claims.extraction.lang.en import EVENT_PATTERN, REPORTING_PREAMBLE_PATTERN
from claims.extraction.segment import Span

_DATE_LEAD = (
    r"(?:on|in\s+the\s+(?:early|pre-dawn|late|morning|evening)\s+hours\s+of|on\s+the\s+night\s+of"
    r"|during\s+the\s+night\s+of|from|between)\s+(?:\w+,\s+)?"
) + DAY_MONTH.pattern.replace("(?P<", "(?P<lead_")
DATE_LED_CUT = re.compile(
    r",\s+(?:(?:and|while|but|whereas)\s+(?:yet\s+)?|including,?\s+(?:most\s+recently,\s+)?)?(?="
    + _DATE_LEAD
    + ")"
)
# "... shelled A and on 5 May bombed B": two dated events without a comma between them.
DATE_LED_AND_CUT = re.compile(r"\s+(?=(?:and|while|whereas|but)\s+(?:then\s+)?" + _DATE_LEAD + ")")
# "the following violations: the shelling of A; the seizure of B": each item is a claim.
LIST_COLON = re.compile(r":\s+(?=\S)")
# ", and X did", ", while X did" (relative clauses stay: they mostly describe, not add).
CONJUNCTION_CUT = re.compile(r",\s+(?=(?:and|while|whereas|but)\s+(?:yet\s+)?\S)")
# ", which resulted in 85 losses": a figure in its own relative clause is its own claim.
CONSEQUENCE_CUT = re.compile(r",\s+which\s+(?:resulted\s+in|led\s+to|caused|left)\b[^;]*")
# "Aside from the destruction the shelling caused, 22 civilians were killed": the fronted
# phrase states an event of its own.
FRONTED_EVENT = re.compile(
    r"^(?:Aside\s+from|Apart\s+from|In\s+addition\s+to|Besides)\s+(?:the\s+)?[a-z][^,]{15,}?(?=,\s)",
)
# "not only X, but Y" is one assertion.
NOT_ONLY = re.compile(r"\bnot\s+only\b", re.I)
SEMICOLON_CUT = re.compile(r";\s+")
# A finite verb, roughly: an auxiliary or a past-tense form.
FINITE_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|did|does|continues?|remains?|\w{3,}ed)\b", re.I
)
MIN_WORDS = 3
PAIR_WINDOW = 200


def _words(text: str) -> int:
    return len(text.split())


def _has_verb(text: str) -> bool:
    return bool(FINITE_VERB.search(text) or EVENT_PATTERN.search(text))


# "..., and 30 were injured", "..., and injured over 30 others", "..., injuring 30".
INJURED_TAIL = re.compile(
    r"^(?:and\s+)?(?:(?:\S+\s+){1,4}(?:were|have\s+been|had\s+been)\s+(?:\w+ly\s+)?"
    r"(?:injured|wounded)|(?:also\s+)?(?:injur|wound|maim)\w*\s+(?:\w+\s+){0,3}?(?:\d|[a-z]+\s+others))",
    re.I,
)
KILLED_HEAD = re.compile(
    r"\b(?:killed|killing|murdered|died|dead|lost\s+(?:their|his|her)\s+li)", re.I
)


def _is_casualty_pair(left: str, right: str) -> bool:
    """ "X were killed, and Y were injured" is one figure; keep it whole."""
    if KILLED_HEAD.search(left) and INJURED_TAIL.match(right):
        return True
    left_figure, right_figure = find_casualties(left), find_casualties(right)
    return bool(left_figure and right_figure and right_figure.killed is None)


def _dated_clause_before(sentence: str, cut: int) -> bool:
    """Whether a whole dated clause ends at `cut`: a date, then a verb after it ("on 4 May
    X shelled A | and on 5 May ..."), not a list of dates ("on 23 | and on 26 January")."""
    dates = list(DAY_MONTH.finditer(sentence, 0, cut))
    return bool(dates) and _has_verb(sentence[dates[-1].end() : cut])


def _cut_points(sentence: str) -> list[int]:
    cuts = {m.start() for m in SEMICOLON_CUT.finditer(sentence)}
    cuts |= {m.start() for m in CONSEQUENCE_CUT.finditer(sentence) if has_quantity(m.group(0))}
    fronted = FRONTED_EVENT.match(sentence)
    if fronted and FINITE_VERB.search(sentence[fronted.end() :]):
        cuts.add(fronted.end())
    cuts |= {m.start() for m in LIST_COLON.finditer(sentence) if ";" in sentence[m.end() :]}
    date_cuts = [m.start() for m in DATE_LED_CUT.finditer(sentence)]
    date_cuts += [
        m.start()
        for m in DATE_LED_AND_CUT.finditer(sentence)
        if _dated_clause_before(sentence, m.start())
    ]
    date_cuts.sort()
    ends = [*date_cuts[1:], len(sentence)]
    for cut, next_cut in zip(date_cuts, ends[: len(date_cuts)], strict=True):
        # "..., in particular, on 27 January." only dates the clause before it.
        if _has_verb(sentence[cut:next_cut]):
            cuts.add(cut)
    for match in CONJUNCTION_CUT.finditer(sentence):
        left, right = sentence[: match.start()], sentence[match.end() :]
        right_clause = re.split(r",\s", right, maxsplit=1)[0]
        has_own_verb = FINITE_VERB.search(right_clause)
        correlative = right.startswith("but") and NOT_ONLY.search(left[-200:])
        if correlative:
            continue
        # The figures on either side of the conjunction are next to it: a bounded window
        # keeps this loop linear in the sentence's length.
        near_left, near_right = left[-PAIR_WINDOW:], right[:PAIR_WINDOW]
        if _has_verb(left) and has_own_verb and not _is_casualty_pair(near_left, near_right):
            cuts.add(match.start())
    return sorted(cuts)


def _after_preamble(text: str, start: int, end: int) -> int:
    """Start of the assertion once a reporting preamble is cut off."""
    last = None
    for match in REPORTING_PREAMBLE_PATTERN.finditer(text, start, end):
        last = match
    if last and _words(text[last.end() : end]) >= MIN_WORDS:
        return last.end()
    return start


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def split_clauses(text: str, sentence: Span) -> list[Span]:
    """Clause spans of one sentence span of `text`."""
    start = _after_preamble(text, sentence.start, sentence.end)
    body = text[start : sentence.end]
    pieces: list[Span] = []
    cursor = 0
    for cut in [*_cut_points(body), len(body)]:
        piece_start, piece_end = _trim(text, start + cursor, start + cut)
        if _words(text[piece_start:piece_end]) >= MIN_WORDS:
            pieces.append(Span(piece_start, piece_end))
        elif pieces and piece_end > piece_start:
            # A stub ("and 5 wounded") belongs to the clause before it.
            pieces[-1] = Span(pieces[-1].start, piece_end)
        cursor = cut
    return pieces
