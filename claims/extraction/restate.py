"""Restate a clause so it stands alone: who did what, where, when."""

from __future__ import annotations

import re
from datetime import date

from claims.extraction.dates import DAY_MONTH

LEADING_CONNECTIVE = re.compile(
    r"^(?:(?:and|but|while|whereas|however|moreover|furthermore|in addition|additionally|notably"
    r"|also|further|as a result|consequently|in fact|indeed|unfortunately|as previously reported"
    r"|as you (?:are aware|know)|for example|in particular|including|most recently|then|yet)\b,?\s*)+",
    re.I,
)
# A pronoun subject, at the start or after a fronted phrase ("On 9 March, it cut off ...").
PRONOUN_SUBJECT = re.compile(
    r"^(?P<front>(?:[^,]{0,60},\s+|(?:on|in|during|at)\s+[\w ]{1,30}?\s+)?)(?:it|they)\b(?!\s+(?:is|are|was|were)\s+(?:reported|said|noted|clear|evident))",
    re.I,
)
LEADING_RELATIVE = re.compile(r"^which\b", re.I)
YEAR = re.compile(r"\b(?:1[89]|20)\d{2}\b")


def format_date(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def _with_year(text: str, event_date: date) -> str:
    """ "On 4 May, X shelled A." -> "On 4 May 2025, X shelled A."; a clause that does not
    state its date gets it at the end."""
    for mention in DAY_MONTH.finditer(text):
        if mention.group("month").lower() == f"{event_date:%B}".lower():
            return f"{text[: mention.end()]} {event_date.year}{text[mention.end() :]}"
    return f"{text[:-1]} (on {format_date(event_date)})."


def restate(clause: str, *, perpetrator: str | None, event_date: date | None) -> str:
    """The clause without leading connectives, its pronoun subject named when the caller
    resolved it with confidence (otherwise the letter's own words stay), and its date given
    with its year."""
    text = re.sub(r"\s+", " ", LEADING_CONNECTIVE.sub("", clause.strip())).strip(" ,;:")
    text = LEADING_RELATIVE.sub("This", text)
    if perpetrator:
        # "occupying forces" -> "the occupying forces"; a State's name stands alone.
        subject = perpetrator if perpetrator[:1].isupper() else f"the {perpetrator}"
        text = PRONOUN_SUBJECT.sub(lambda m: m.group("front") + subject, text, count=1)
    if text and not text.endswith((".", "”", '"', "?", "!")):
        text += "."
    if event_date and not YEAR.search(text):
        text = _with_year(text, event_date)
    return text[:1].upper() + text[1:]
