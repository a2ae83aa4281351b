"""Pure helpers for full-text search: reading what the user typed, and turning a database
snippet into safe HTML (no Django, no ORM).

Both backends mark matches with control characters (STX/ETX) instead of <mark> tags: the
snippet is letter text, so it is escaped first and only then are the markers turned into tags.
"""

from __future__ import annotations

import re
from html import escape

START, STOP = "\x02", "\x03"
MAX_QUERY = 200
_WORD = re.compile(r"[^\W_]+(?:[/'-][^\W_]+)*", re.UNICODE)


def query_terms(text: str) -> list[str]:
    """The words of a query (UN symbols such as S/2025/470 stay whole), at most 12."""
    return _WORD.findall(text[:MAX_QUERY])[:12]


def fts5_match(text: str) -> str:
    """An FTS5 MATCH expression: every term must occur; each quoted, so no operator injection.
    Symbols become phrases ("S/2025/470" -> "S 2025 470")."""
    terms = [" ".join(_WORD.findall(term.replace("/", " "))) for term in query_terms(text)]
    return " ".join('"' + term.replace('"', "") + '"' for term in terms if term)


def highlight(snippet: str) -> str:
    """Escape a snippet, then turn the backend's match markers into <mark> elements."""
    html = escape(snippet or "", quote=True)
    return html.replace(START, "<mark>").replace(STOP, "</mark>")
