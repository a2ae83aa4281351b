"""Event dates: explicit, partial ("on 2 March") and relative ("yesterday"), resolved
against the letter's date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from claims.extraction.lang import en as vocabulary

MONTHS = {name.lower(): number for number, name in enumerate(vocabulary.MONTH_NAMES, start=1)}
WEEKDAYS = [name.lower() for name in vocabulary.WEEKDAY_NAMES]
_MONTH = r"(?P<month>" + "|".join(vocabulary.MONTH_NAMES) + ")"
_WEEKDAY = r"(?:(?:" + "|".join(vocabulary.WEEKDAY_NAMES) + r"),?\s+)?"

# "4 June 2018", "3 to 4 June", "3-4 June", "Monday, 4 June": the first day of a range wins.
DAY_MONTH = re.compile(
    _WEEKDAY
    + r"\b(?P<day>\d{1,2})(?:\s*"
    + vocabulary.RANGE_WORDS
    + r"\s*\d{1,2})?\s+"
    + _MONTH
    + r"(?:,?\s+(?P<year>\d{4}))?\b"
)
# "July 23, 1993", "July 23"
MONTH_DAY = re.compile(
    _WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{4}))?"
)
_RELATIVE_WORDS = "|".join(sorted(vocabulary.RELATIVE_DAYS, key=len, reverse=True))
RELATIVE = re.compile(
    r"\b(?P<word>"
    + _RELATIVE_WORDS
    + r"|on (?P<weekday>"
    + "|".join(vocabulary.WEEKDAY_NAMES)
    + r")\b(?!,?\s+\d))"
    # "today's world" is not a date.
    r"(?![’']s\b)",
    re.I,
)
# Dates of documents, not of events.
DOCUMENT_DATE_CONTEXT = re.compile(vocabulary.DOCUMENT_DATE_WORDS + r"\s*(?:from\s+)?$", re.I)
RELATIVE_OFFSETS = vocabulary.RELATIVE_DAYS


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    value: date


def _build(year: int | None, month: int, day: int, letter_date: date | None) -> date | None:
    """A date from its parts; a missing year is the letter's, or the year before when
    the date would otherwise fall after the letter was written."""
    if year is None:
        if letter_date is None:
            return None
        year = letter_date.year
        try:
            candidate = date(year, month, day)
        except ValueError:
            return None
        if candidate > letter_date + timedelta(days=1):
            year -= 1
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _is_document_date(text: str, start: int) -> bool:
    return bool(DOCUMENT_DATE_CONTEXT.search(text[max(0, start - 25) : start]))


def _explicit_dates(text: str, letter_date: date | None) -> list[DateMention]:
    found: list[DateMention] = []
    for pattern in (DAY_MONTH, MONTH_DAY):
        for match in pattern.finditer(text):
            if _is_document_date(text, match.start()):
                continue
            year = int(match.group("year")) if match.group("year") else None
            value = _build(
                year, MONTHS[match.group("month").lower()], int(match.group("day")), letter_date
            )
            if value:
                found.append(DateMention(match.start(), match.end(), value))
    return found


def _weekday_before(letter_date: date, weekday: str) -> date:
    """The latest such weekday on or before the letter's date."""
    offset = (letter_date.weekday() - WEEKDAYS.index(weekday.lower())) % 7
    return letter_date - timedelta(days=offset)


def _relative_dates(text: str, letter_date: date | None) -> list[DateMention]:
    if letter_date is None:
        return []
    found = []
    for match in RELATIVE.finditer(text):
        if match.group("weekday"):
            value = _weekday_before(letter_date, match.group("weekday"))
        else:
            value = letter_date + timedelta(days=RELATIVE_OFFSETS[match.group("word").lower()])
        found.append(DateMention(match.start(), match.end(), value))
    return found


def find_dates(text: str, letter_date: date | None = None) -> list[DateMention]:
    """Every event date in `text`, in reading order, overlapping mentions removed."""
    mentions = sorted(
        _explicit_dates(text, letter_date) + _relative_dates(text, letter_date),
        key=lambda m: (m.start, -(m.end - m.start)),
    )
    kept: list[DateMention] = []
    for mention in mentions:
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept


def event_date(text: str, letter_date: date | None = None) -> date | None:
    """The date of the event a clause describes: its first date (a range's first day)."""
    mentions = find_dates(text, letter_date)
    return mentions[0].value if mentions else None


# Spans that look like numbers but are dates, years, times or document references.
NON_QUANTITY = re.compile(
    DAY_MONTH.pattern
    + "|"
    + MONTH_DAY.pattern.replace("(?P<month>", "(?P<month2>")
    .replace("(?P<day>", "(?P<day2>")
    .replace("(?P<year>", "(?P<year2>")
    + r"|\b(?:1[89]|20)\d{2}\b|\b\d{4}\s+hours\b|\b[A-Z]+/[\w/.-]+|\((?:19|20)\d{2}\)"
    r"|\b(?:[Aa]rticles?|[Pp]aragraphs?|[Rr]esolutions?|items?|[Cc]hapter|page|p\.|para\.)\s+[\d\s(),/and]+"
    # Labels of numbered parts: "Principle 7", "sessions 4 and 6", "Table 2".
    r"|\b(?:[Pp]rinciples?|[Ss]essions?|[Ss]ections?|[Pp]arts?|[Gg]oals?|[Tt]ables?|[Ff]igures?"
    r"|[Rr]ecommendations?|[Pp]illars?|[Oo]bjectives?|[Pp]riorit(?:y|ies))\s+\d+(?:\s*(?:,|and|-|–)\s*\d+)*"
)
