"""Letter metadata from the UN masthead and the title ("Letter dated ... from ... addressed to ...")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from claims.ingest.clean import CleanText, clean_text
from claims.ingest.furniture import SYMBOL_BODY, TITLE, strip_marks
from claims.ingest.states import canonical_state, states_in, without_states
from claims.ingest.text import storable

MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
MONTHS = {name: number for number, name in enumerate(MONTH_NAMES, start=1)}
DATE = re.compile(r"\b(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s*,?\s+(\d{4})\b", re.IGNORECASE)
DATE_LINE = re.compile(r"^\s*" + DATE.pattern + r"\s*$", re.IGNORECASE)
# OCR'd old prints write symbols in lower case ("s/14938**").
ANY_CASE_SYMBOL = re.compile(r"(?<![\w/])[AaSs]/" + SYMBOL_BODY)
LANGUAGES = ("Arabic", "Chinese", "English", "French", "Russian", "Spanish")
ORIGINAL_LANGUAGE = re.compile(r"\bOriginal\s*:\s*(" + "|".join(LANGUAGES) + r")\b", re.IGNORECASE)
AGENDA_LINE = re.compile(
    r"^(?:Agenda\s+items?|Items?)\s+(?P<items>\d.*?)(?:\s+of\s+the\s+(?:provisional|preliminary)\s+"
    r"(?:agenda|list)\*?)?$",
    re.IGNORECASE,
)
AGENDA_ITEM = re.compile(r"\d{1,3}(?:\s*\([a-z]{1,3}\))?")
DOC_TYPES = (
    (re.compile(r"^identical\s+letters", re.IGNORECASE), "identical_letters"),
    (re.compile(r"^notes?\s+verbales?", re.IGNORECASE), "note_verbale"),
    (re.compile(r"^letters?\b", re.IGNORECASE), "letter"),
)
TITLE_PARTS = re.compile(
    r"\bfrom\s+(?P<sender>.+?)(?:\s+addressed\s+to\s+(?P<addressees>.+))?$",
    re.IGNORECASE | re.DOTALL,
)
# "the Chargé d’affaires a.i. of the Permanent Mission of Lebanon to the United Nations"
ROLE_OF_STATE = re.compile(
    r"^(?:the\s+)?(?P<role>(?:Deputy\s+|Acting\s+|Alternate\s+)?Permanent\s+Representatives?"
    r"|Charg[ée]s?\s+d['’]\s?affaires(?:\s+a\.\s?i\.)?|(?:Deputy\s+)?Permanent\s+Observers?"
    r"|Permanent\s+Missions?|Representatives?|Ambassadors?|Missions?|Governments?"
    r"|Ministers?\s+(?:for|of)\s+Foreign\s+Affairs|Ministry\s+of\s+Foreign\s+Affairs"
    r"|Heads?\s+of\s+State|Presidents?|Prime\s+Ministers?)\s+of\s+"
    r"(?:the\s+Permanent\s+Missions?\s+of\s+)?(?P<states>.+?)"
    r"(?:\s+to\s+the\s+United\s+Nations.*)?$",
    re.IGNORECASE | re.DOTALL,
)
ROLE_TITLES = {
    "permanent representative": "Permanent Representative",
    "deputy permanent representative": "Deputy Permanent Representative",
    "acting permanent representative": "Acting Permanent Representative",
    "alternate permanent representative": "Alternate Permanent Representative",
    "chargé d'affaires a.i.": "Chargé d'affaires a.i.",
    "chargé d'affaires": "Chargé d'affaires",
    "permanent observer": "Permanent Observer",
    "deputy permanent observer": "Deputy Permanent Observer",
    "permanent mission": "Permanent Mission",
    "representative": "Representative",
}
ROLE_WORDS = re.compile(
    r"\b(?:Permanent|Representatives?|Observers?|Missions?|Charg[ée]s?\s+d['’]\s?affaires"
    r"|charge\s+d'\s?affaires|a\.\s?i\.|Deputy|Acting)(?!\w)",
    re.IGNORECASE,
)
OFFICE_TAIL = re.compile(
    r"\s+(?:acting\s+in\s+the\s+absence\b.*|to\s+the\s+United\s+Nations)$", re.I
)
_MAX_HEADER_LINES = 60
_MAX_TITLE_CHARS = 500
_MAX_ADDRESSEE_CHARS = 100
# The Letter columns these values go to (claims/models.py; a test keeps the two in step). A
# value that does not fit is shortened here, so storing a letter never fails on what a letter
# says about itself.
FIELD_MAX_LENGTHS = {
    "symbol": 64,
    "doc_type": 32,
    "sender": 200,
    "sender_title": 200,
    "original_language": 64,
}
_MAX_SENDER_CHARS = FIELD_MAX_LENGTHS["sender"]
_MAX_SENDER_PHRASE_CHARS = 600  # longer is a title run into the body, not a list of States
_MAX_LIST_ITEM_CHARS = 100  # each of symbols, addressees and agenda items


@dataclass(frozen=True)
class LetterMetadata:
    symbol: str | None  # primary symbol: the S/ one if any, else the first other one
    symbols: tuple[str, ...]  # every symbol of the document (joint A/ and S/ issues)
    doc_type: str  # "letter" | "identical_letters" | "note_verbale" | "other"
    letter_date: date | None
    distribution_date: date | None
    sender: str | None  # a State ("Ukraine") or an office ("Secretary-General")
    sender_title: str | None  # "Permanent Representative", "Chargé d'affaires a.i."
    addressees: tuple[str, ...]
    original_language: str | None
    agenda_items: tuple[str, ...]  # item numbers as printed: ("34", "72 (b)")
    title: str | None


@dataclass(frozen=True)
class Sender:
    name: str | None
    title: str | None


def parse_metadata(raw_text: str, *, cleaned: CleanText | None = None) -> LetterMetadata:
    """Read the masthead and the title of a letter; fields that are absent come back empty.

    Pass `cleaned` (clean_text of the same raw text) to save cleaning it again."""
    first_page = [strip_marks(line) for line in raw_text.split("\f", 1)[0].split("\n")]
    header = _header_lines(first_page)
    title = find_title(raw_text, cleaned=cleaned)
    title_parts = TITLE_PARTS.search(title) if title else None
    sender = parse_sender(title_parts.group("sender")) if title_parts else Sender(None, None)
    symbols = _symbols(header)
    return _bounded(
        LetterMetadata(
            symbol=_primary_symbol(symbols),
            symbols=symbols,
            doc_type=_doc_type(title),
            letter_date=parse_date(title) if title else None,
            distribution_date=_distribution_date(header),
            sender=sender.name,
            sender_title=sender.title,
            addressees=_addressees(title_parts.group("addressees") if title_parts else None),
            original_language=_original_language(header),
            agenda_items=_agenda_items(header),
            title=title,
        )
    )


def _bounded(meta: LetterMetadata) -> LetterMetadata:
    """Every value storable (no NULs) and no longer than its column."""
    values = {}
    for name, value in meta.__dict__.items():
        if isinstance(value, str):
            limit = FIELD_MAX_LENGTHS.get(name, _MAX_TITLE_CHARS)
            values[name] = storable(value)[:limit].rstrip()
        elif isinstance(value, tuple):
            values[name] = tuple(storable(item)[:_MAX_LIST_ITEM_CHARS] for item in value)
        else:
            values[name] = value
    return LetterMetadata(**values)


def find_title(raw_text: str, *, cleaned: CleanText | None = None) -> str | None:
    """The first "Letter dated ..." / "Identical letters dated ..." / "Note verbale dated ..."
    paragraph, as one line."""
    if cleaned is None:
        first_pages = "\f".join(raw_text.split("\f", 2)[:2])  # titles sit on page one or two
        cleaned = clean_text(first_pages)
    for paragraph in cleaned.text.split("\n\n", 80)[:80]:
        if TITLE.match(paragraph) and " dated " in f" {paragraph.lower()} ":
            # A garbled scan can run the title into the body; keep a title-sized head.
            return re.sub(r"\s+", " ", paragraph).strip()[:_MAX_TITLE_CHARS]
    return None


def parse_date(text: str) -> date | None:
    """The first "8 January 2025" style date in `text`."""
    match = DATE.search(text)
    if not match:
        return None
    day, month, year = int(match.group(1)), MONTHS[match.group(2).lower()], int(match.group(3))
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_sender(phrase: str) -> Sender:
    """ "the Permanent Representative of Kazakhstan to the United Nations" -> Kazakhstan;
    "the Secretary-General" -> Secretary-General."""
    phrase = re.sub(r"\s+", " ", phrase).strip()
    if len(phrase) > _MAX_SENDER_PHRASE_CHARS:
        return Sender(None, None)  # a garbled title ran into the body: better nothing than prose
    role = ROLE_OF_STATE.match(phrase)
    if role and _only_states(role.group("states")):
        states = states_in(role.group("states"))
        return Sender(_join_names(states), _role_title(role.group("role")))
    state = canonical_state(phrase)
    if state:
        return Sender(state, None)
    office = _office(phrase)
    return Sender(office if len(office) <= _MAX_SENDER_CHARS else None, None)


def _only_states(phrase: str) -> bool:
    """True for "Denmark, Sierra Leone and the United Kingdom ..." (a list of States, maybe
    with a role for the last one), False for "the Security Council ... concerning the Sudan"."""
    rest = ROLE_WORDS.sub(" ", without_states(phrase))
    filler = r"[\s,]|\b(?:and|the|of|republic|kingdom|federal|principality|sultanate)\b"
    return bool(states_in(phrase)) and not re.sub(filler, "", rest)


def _office(phrase: str) -> str:
    office = OFFICE_TAIL.sub("", phrase)
    return re.sub(r"^the\s+", "", office, flags=re.IGNORECASE)


def _role_title(role: str) -> str | None:
    key = re.sub(r"\s+", " ", role.replace("’", "'")).lower()
    key = key.replace("chargés", "chargé").replace("charge d", "chargé d").replace("d' ", "d'")
    key = key.replace("a. i.", "a.i.")
    key = (
        re.sub(r"s$", "", key)
        if key.endswith(("representatives", "observers", "missions"))
        else key
    )
    return ROLE_TITLES.get(key, role.strip())


def _join_names(names: list[str]) -> str:
    """ "Denmark, France and Ghana"; a list too long for the sender column keeps its first
    States and counts the rest ("... and 12 other States")."""
    if len(names) == 1:
        return names[0]
    joined = ", ".join(names[:-1]) + " and " + names[-1]
    shown = len(names)
    while len(joined) > _MAX_SENDER_CHARS and shown > 1:
        shown -= 1
        joined = ", ".join(names[:shown]) + f" and {len(names) - shown} other States"
    return joined


def _addressees(phrase: str | None) -> tuple[str, ...]:
    if not phrase:
        return ()
    parts = re.split(r",\s*(?:and\s+)?|\s+and\s+(?=the\s)", phrase.strip().rstrip("."))
    addressees: list[str] = []
    for part in (part.strip() for part in parts if part.strip()):
        if len(part) > _MAX_ADDRESSEE_CHARS:
            break  # the title ran on into the letter's first sentence
        addressees.append(re.sub(r"^the\s+", "", part, flags=re.IGNORECASE))
    return tuple(addressees)


def _header_lines(first_page: list[str]) -> list[str]:
    """The masthead: first-page lines above the title (or the first lines if no title)."""
    for index, line in enumerate(first_page[:_MAX_HEADER_LINES]):
        if TITLE.match(line):
            return first_page[:index]
    return first_page[:20]


def _symbols(header: list[str]) -> tuple[str, ...]:
    found: list[str] = []
    for line in header:
        for symbol in ANY_CASE_SYMBOL.findall(line):
            symbol = symbol[0].upper() + symbol[1:]
            if symbol not in found:
                found.append(symbol)
    return tuple(found)


def _primary_symbol(symbols: tuple[str, ...]) -> str | None:
    security_council = [symbol for symbol in symbols if symbol.startswith("S/")]
    return (security_council or list(symbols) or [None])[0]


def _doc_type(title: str | None) -> str:
    for pattern, doc_type in DOC_TYPES:
        if title and pattern.match(title):
            return doc_type
    return "other"


def _distribution_date(header: list[str]) -> date | None:
    for line in header:
        if DATE_LINE.match(line):
            return parse_date(line)
    return None


def _original_language(header: list[str]) -> str | None:
    match = ORIGINAL_LANGUAGE.search("\n".join(header))
    return match.group(1).capitalize() if match else None


def _agenda_items(header: list[str]) -> tuple[str, ...]:
    items: list[str] = []
    for index, line in enumerate(header):
        match = AGENDA_LINE.match(line)
        if not match:
            continue
        listed = match.group("items")
        if listed.endswith((",", " and")) and index + 1 < len(header):
            listed += " " + header[index + 1]  # the list wrapped onto the next line
        items.extend(re.sub(r"\s+", " ", item) for item in AGENDA_ITEM.findall(listed))
    return tuple(dict.fromkeys(items))
