"""Casualty figures: "killed at least 4 civilians", "twenty-two people were killed",
"436 Palestinians have been murdered ... and 678 wounded", "an elderly woman lost her life"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.extraction.dates import NON_QUANTITY

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "a dozen": 12, "dozen": 12,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_WORD = r"(?:" + "|".join(sorted([*UNITS, *TENS], key=len, reverse=True)) + r")"
NUMBER = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+|"
    + _WORD
    + r"(?:[\s-]+"
    + _WORD
    + r")?(?:\s+(?:hundred|thousand)(?:\s+(?:and\s+)?"
    + _WORD
    + r"(?:[\s-]+"
    + _WORD
    + r")?)?)?)"
)
AT_LEAST = r"(?P<least>at\s+least|more\s+than|over|no\s+fewer\s+than|not\s+less\s+than|in\s+excess\s+of)\s+"
QUALIFIER = r"(?:" + AT_LEAST + r"|(?:about|around|some|nearly|almost|approximately|up\s+to)\s+)?"
# Up to three modifiers ("other international staff"), then a word for people; each
# modifier pattern matches a word one way only, which keeps the search linear.
PEOPLE = (
    r"(?:[A-Za-z][a-z]*(?:-[a-z]+)?\s+){0,3}?"
    r"(?:civilians?|people|persons?|individuals|children|boys|girls|women|men|babies|infants"
    r"|residents|inhabitants|villagers|servicemen|soldiers|troops|officers|officials|personnel"
    r"|staff(?:\s+members)?|members|workers|journalists|fighters|militants|terrorists|others"
    r"|[A-Z][a-z]+(?:s|ese))\b"
)
KILL = r"(?:killed|murdered|massacred|executed|eliminated|dead|died|perished|martyred|slain)"
HURT = r"(?:injured|wounded|maimed|hurt)"
# "were killed", not "killed 3 and injured": the subject-first figure needs a passive.
_PASSIVE = r"(?:were|was|have\s+been|has\s+been|had\s+been|are|is)\s+(?:\w+ly\s+)?(?:\w+ly\s+)?"

VERB_FIRST = re.compile(
    r"\b(?P<verb>kill(?:ed|ing)|murder(?:ed|ing)|injur(?:ed|ing)|wound(?:ed|ing))\s+"
    + QUALIFIER
    + r"(?P<number>"
    + NUMBER
    + r")\b",
    re.I,
)
# "22 civilians, one of whom ..., were killed": the subject's number, then the verb.
NUMBER_FIRST = re.compile(
    QUALIFIER
    + r"(?P<number>"
    + NUMBER
    + r")\s+"
    + PEOPLE
    + r"(?P<between>[^.;]{0,120}?)\b"
    + r"(?:"
    + _PASSIVE
    + r"(?P<verb>"
    + KILL
    + "|"
    + HURT
    + r")|(?P<verb_intransitive>died|perished|lost\s+their\s+lives))\b",
    re.I,
)
# "... and 678 wounded"
ELLIPTIC_HURT = re.compile(
    r"\band\s+" + QUALIFIER + r"(?P<number>" + NUMBER + r")\s+(?:others\s+)?" + HURT + r"\b", re.I
)
ONE_PERSON = re.compile(
    r"\b(?:an?|one)\s+(?:[a-z]+\s+){0,2}(?:man|woman|boy|girl|child|civilian|person|resident|"
    r"journalist|worker|soldier|officer)\s+(?:was\s+(?:\w+ly\s+)?(?P<verb>killed|injured|wounded)|"
    r"(?P<died>lost\s+(?:his|her)\s+life|died))\b",
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
    cleaned = words.strip().lower().replace(",", "")
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


def _is_kill(verb: str) -> bool:
    return bool(re.match(KILL + r"|kill|murder|lost", verb, re.I))


def _candidates(text: str) -> list[tuple[int, bool, int, bool]]:
    """(position, is_killed, number, at_least) for each figure found."""
    found = []
    for pattern in (VERB_FIRST, NUMBER_FIRST, ELLIPTIC_HURT):
        for match in pattern.finditer(text):
            number = parse_number(match.group("number"))
            if number is None:
                continue
            groups = match.groupdict()
            verb = groups.get("verb") or groups.get("verb_intransitive") or "wounded"
            found.append(
                (match.start("number"), _is_kill(verb), number, bool(match.group("least")))
            )
    for match in ONE_PERSON.finditer(text):
        killed = bool(match.group("died")) or (match.group("verb") or "").lower() == "killed"
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


HARM_WORD = re.compile(
    r"\b(?:kill|murder|massacr|execut|eliminat|dead|died|perish|martyr|slain|injur|wound|maim"
    r"|hurt|lost\s+(?:their|his|her)\s+li)",
    re.I,
)
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
