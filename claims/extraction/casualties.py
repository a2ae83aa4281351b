"""Casualty figures, read by a small grammar rather than by a list of sentences:

- verb first: "killed at least 4 civilians", "martyred 12", "killing a woman";
- number first: "twenty-two people were killed", "N people massacred", "over 50 have been
  injured", "22 civilians, one of whom ..., were killed";
- elliptic: "... and 678 wounded", "and injured over 30 others";
- tolls and counting nouns: "the death toll stands at 40", "the toll rose to 40 dead",
  "23 deaths and 51 injuries";
- one person by a noun: "a woman was killed", "an elderly man lost his life".

The words (verbs, people nouns, number words) come from the language module."""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.extraction.dates import NON_QUANTITY
from claims.extraction.lang import en as vocabulary


def _alternation(words: tuple[str, ...] | list[str]) -> str:
    return "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"


def _phrases(words: tuple[str, ...]) -> str:
    return _alternation([w.replace(" ", r"\s+") for w in words])


UNITS = vocabulary.NUMBER_UNITS
TENS = vocabulary.NUMBER_TENS
_WORD = _alternation([w.replace(" ", r"\s+") for w in [*UNITS, *TENS]])
_SCALE = _alternation(list(vocabulary.NUMBER_SCALES))
NUMBER = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+|"
    + _WORD
    + r"(?:[\s-]+"
    + _WORD
    + r")?(?:\s+"
    + _SCALE
    + r"(?:\s+(?:and\s+)?"
    + _WORD
    + r"(?:[\s-]+"
    + _WORD
    + r")?)?)?)"
)
AT_LEAST = r"(?P<least>" + _phrases(vocabulary.AT_LEAST_WORDS) + r")\s+"
QUALIFIER = r"(?:" + AT_LEAST + r"|" + _phrases(vocabulary.ABOUT_WORDS) + r"\s+)?"
# Up to three modifiers ("other international staff"), then a word for people; each
# modifier pattern matches a word one way only, which keeps the search linear.
PEOPLE = (
    r"(?:[A-Za-z][a-z]*(?:-[a-z]+)?\s+){0,3}?(?:"
    + "|".join(vocabulary.PEOPLE_NOUNS)
    + r"|[A-Z][a-z]+(?:s|ese))\b"
)
KILL = _alternation(vocabulary.KILL_PARTICIPLES)
HURT = _alternation(vocabulary.HURT_PARTICIPLES)
KILL_VERB = _alternation(vocabulary.KILL_STEMS) + r"\w*"
HURT_VERB = _alternation(vocabulary.HURT_STEMS) + r"\w*"
ONE = r"(?:an?|one)\s+(?:[a-z]+\s+){0,2}" + _alternation(vocabulary.ONE_PERSON_NOUNS) + r"\b"
# "were killed", not "killed 3 and injured": the subject-first figure needs a passive.
_PASSIVE = r"(?:were|was|have\s+been|has\s+been|had\s+been|are|is)\s+(?:\w+ly\s+)?(?:\w+ly\s+)?"

VERB_FIRST = re.compile(
    r"\b(?P<verb>"
    + KILL_VERB
    + "|"
    + HURT_VERB
    + r")\s+(?:"
    + QUALIFIER
    + r"(?P<number>"
    + NUMBER
    + r")\b|(?P<one>"
    + ONE
    + r"))",
    re.I,
)
# "22 civilians, one of whom ..., were killed"; "over 50 have been injured"; "N people
# massacred" (a bare participle right after the people noun).
NUMBER_FIRST = re.compile(
    QUALIFIER
    + r"(?P<number>"
    + NUMBER
    + r")\s+(?:(?:"
    + PEOPLE
    + r"(?P<between>[^.;]{0,120}?)\b)?"
    + r"(?:"
    + _PASSIVE
    + r"(?P<verb>"
    + KILL
    + "|"
    + HURT
    + r")|(?P<verb_intransitive>died|perished|lost\s+their\s+lives))\b"
    + r"|"
    + PEOPLE
    + r"\s+(?P<bare>"
    + KILL
    + "|"
    + HURT
    + r")\b(?!\s+(?:by|in|on|at|with)\s+(?:\w+\s+)?(?:the|a|an)\b\s+\w+ed\b))",
    re.I,
)
# "... and 678 wounded", "and injured over 30 others" is read by VERB_FIRST.
ELLIPTIC = re.compile(
    r"\band\s+"
    + QUALIFIER
    + r"(?P<number>"
    + NUMBER
    + r")\s+(?:others\s+|more\s+)?(?P<verb>"
    + HURT
    + r"|"
    + _alternation(vocabulary.KILL_NOUNS)
    + r")\b",
    re.I,
)
# "the death toll stands at 40", "the toll rose to 40 dead".
TOLL = re.compile(
    r"\b"
    + _phrases(vocabulary.TOLL_WORDS)
    + r"\b[^.;\d]{0,40}?\b(?:at|to|of|reached|is|was|stands)\s+"
    + QUALIFIER
    + r"(?P<number>"
    + NUMBER
    + r")\b",
    re.I,
)
# "23 deaths and 51 injuries", "40 dead".
COUNT_NOUN = re.compile(
    QUALIFIER
    + r"(?P<number>"
    + NUMBER
    + r")\s+(?P<verb>"
    + _alternation([n for n in vocabulary.KILL_NOUNS if n not in ("killed", "lives")])
    + r"|injuries)\b",
    re.I,
)
ONE_PERSON = re.compile(
    r"\b"
    + ONE
    + r"\s+(?:was\s+(?:\w+ly\s+)?(?P<verb>"
    + KILL
    + "|"
    + HURT
    + r")|(?P<died>lost\s+(?:his|her)\s+life|died))\b",
    re.I,
)
HARM_WORD = re.compile(
    r"\b(?:"
    + _alternation([*vocabulary.KILL_STEMS, *vocabulary.HURT_STEMS])
    + r"|dead|death|died|perish|eliminat|slain|hurt|fatalit|toll|lost\s+(?:their|his|her)\s+li)",
    re.I,
)


@dataclass(frozen=True)
class Figure:
    killed: int | None = None
    injured: int | None = None
    killed_at_least: bool = False
    injured_at_least: bool = False


def parse_number(words: str) -> int | None:
    """'1,404' -> 1404, 'twenty-two' -> 22, 'three hundred and five' -> 305."""
    cleaned = re.sub(r"\s+", " ", words.strip().lower().replace(",", ""))
    if cleaned.isdigit():
        return int(cleaned)
    total, current = 0, 0
    for token in re.split(r"[\s-]+", cleaned.replace(" and ", " ")):
        if token in ("a", "dozen") and "dozen" in cleaned:
            current = 12
        elif token in UNITS:
            current += UNITS[token]
        elif token in TENS:
            current += TENS[token]
        elif token == "hundred":
            current = max(current, 1) * 100
        elif token == "thousand":
            total, current = total + max(current, 1) * 1000, 0
        elif token:
            return None
    return total + current if total + current or cleaned == "zero" else None


def _masked(text: str) -> str:
    """Dates, years and document numbers blanked out so they are never read as figures."""
    return NON_QUANTITY.sub(lambda m: " " * (m.end() - m.start()), text)


_KILL_WORD = re.compile(
    _alternation([*vocabulary.KILL_STEMS, *vocabulary.KILL_PARTICIPLES, *vocabulary.KILL_NOUNS])
    + r"|lost|death|toll",
    re.I,
)


def _is_kill(verb: str) -> bool:
    return bool(_KILL_WORD.match(verb))


def _candidates(text: str) -> list[tuple[int, bool, int, bool]]:
    """(position, is_killed, number, at_least) for each figure found."""
    found = []
    for pattern in (VERB_FIRST, NUMBER_FIRST, ELLIPTIC, TOLL, COUNT_NOUN):
        for match in pattern.finditer(text):
            groups = match.groupdict()
            number = 1 if groups.get("one") else parse_number(groups["number"])
            if number is None:
                continue
            verb = (
                groups.get("verb")
                or groups.get("verb_intransitive")
                or groups.get("bare")
                or ("toll" if pattern is TOLL else "wounded")
            )
            position = match.start("one") if groups.get("one") else match.start("number")
            found.append((position, _is_kill(verb), number, bool(groups.get("least"))))
    for match in ONE_PERSON.finditer(text):
        killed = bool(match.group("died")) or _is_kill(match.group("verb") or "")
        found.append((match.start(), killed, 1, False))
    return sorted(found)


def find_casualties(text: str) -> Figure | None:
    """The first killed and first injured figure of a clause."""
    if not HARM_WORD.search(text):
        return None  # the figure patterns are slow; most clauses name no harm at all
    killed = injured = None
    killed_least = injured_least = False
    for _, is_killed, number, at_least in _candidates(_masked(text)):
        if is_killed and killed is None:
            killed, killed_least = number, at_least
        elif not is_killed and injured is None:
            injured, injured_least = number, at_least
    if killed is None and injured is None:
        return None
    return Figure(killed, injured, killed_least, injured_least)


DURATION = re.compile(
    r"\s+(?:consecutive\s+|more\s+|full\s+)?(?:days?|weeks?|months?|years?|hours?|minutes?|decades?"
    r"|centuries|times)\b",
    re.I,
)
QUANTITY = re.compile(r"\b" + NUMBER + r"\b", re.I)


def has_quantity(text: str) -> bool:
    """Whether a clause states a count (not a date, year or document number)."""
    masked = _masked(text)
    # "one" is as often a pronoun ("one cannot help") as a count; "five months" is a span
    # of time, not a count of anything checkable.
    return any(
        parse_number(m.group(0)) not in (None, 0)
        and m.group(0).lower() != "one"
        and not DURATION.match(masked, m.end())
        for m in QUANTITY.finditer(masked)
    )
