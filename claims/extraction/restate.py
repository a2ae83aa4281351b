"""Restate a clause so it stands alone: who did what, where, when."""

from __future__ import annotations

import re
from datetime import date

LEADING_CONNECTIVE = re.compile(
    r"^(?:(?:and|but|while|whereas|however|moreover|furthermore|in addition|additionally|notably"
    r"|also|further|as a result|consequently|in fact|indeed|unfortunately|as previously reported"
    r"|as you (?:are aware|know)|for example|in particular|including|most recently|then|yet)\b,?\s*)+",
    re.I,
)
# A pronoun subject, at the start or after a fronted phrase ("On 9 March, it cut off ...").
PRONOUN_SUBJECT = re.compile(r"^(?P<front>(?:[^,]{0,60},\s+)?)(?:it|they|he|she)\b", re.I)
LEADING_RELATIVE = re.compile(r"^which\b", re.I)
YEAR = re.compile(r"\b(?:1[89]|20)\d{2}\b")


def format_date(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def restate(clause: str, *, perpetrator: str | None, event_date: date | None) -> str:
    """The clause without leading connectives, its pronoun subject named, and its date
    given in full when the clause does not already state it with its year."""
    text = re.sub(r"\s+", " ", LEADING_CONNECTIVE.sub("", clause.strip())).strip(" ,;:")
    text = LEADING_RELATIVE.sub("This", text)
    if perpetrator:
        text = PRONOUN_SUBJECT.sub(lambda m: m.group("front") + perpetrator, text, count=1)
    if text and not text.endswith((".", "”", '"', "?", "!")):
        text += "."
    if event_date and not YEAR.search(text):
        text = f"{text[:-1]} (on {format_date(event_date)})."
    return text[:1].upper() + text[1:]
