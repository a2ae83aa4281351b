"""Letter metadata from the UN masthead and the title ("Letter dated ... from ... addressed to ...")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from claims import un_states
from claims.ingest import lang
from claims.ingest.clean import CleanText, clean_text
from claims.ingest.furniture import SYMBOL_BODY, TITLE, strip_marks
from claims.ingest.lang import Vocabulary
from claims.ingest.states import canonical_state, states_in, without_states
from claims.ingest.text import storable

ENGLISH = lang.vocabulary("en")
MONTHS = ENGLISH.months
DATE = ENGLISH.date
# OCR'd old prints write symbols in lower case ("s/14938**").
ANY_CASE_SYMBOL = re.compile(r"(?<![\w/])[AaSs]/" + SYMBOL_BODY)
AGENDA_LINE = re.compile(
    r"^(?:Agenda\s+items?|Items?)\s+(?P<items>\d.*?)(?:\s+of\s+the\s+(?:provisional|preliminary)\s+"
    r"(?:agenda|list)\*?)?$",
    re.IGNORECASE,
)
AGENDA_ITEM = re.compile(r"\d{1,3}(?:\s*\([a-z]{1,3}\))?")
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
    language: str | None = None  # detected language of the text, ISO 639-1 ("fr")


@dataclass(frozen=True)
class Sender:
    name: str | None
    title: str | None


def parse_metadata(
    raw_text: str, *, cleaned: CleanText | None = None, language: str | None = None
) -> LetterMetadata:
    """Read the masthead and the title of a letter; fields that are absent come back empty.

    The letter's language is detected (or taken from `language`) and picks the vocabulary
    (claims/ingest/lang); languages without one are read with the English vocabulary.
    Pass `cleaned` (clean_text of the same raw text) to save cleaning it again."""
    if cleaned is None:
        cleaned = clean_text(raw_text)
    language = language or lang.detect_language(cleaned.text)
    vocab, title = _vocabulary_and_title(raw_text, cleaned, language)
    first_page = [strip_marks(line) for line in raw_text.split("\f", 1)[0].split("\n")]
    header = _header_lines(first_page)
    title_parts = vocab.title_parts.search(title) if title else None
    sender = parse_sender(title_parts.group("sender"), vocab) if title_parts else Sender(None, None)
    symbols = _symbols(header)
    return _bounded(
        LetterMetadata(
            symbol=_primary_symbol(symbols),
            symbols=symbols,
            doc_type=_doc_type(title, vocab),
            letter_date=parse_date(title, vocab) if title else None,
            distribution_date=_distribution_date(header, vocab),
            sender=sender.name,
            sender_title=sender.title,
            addressees=_addressees(title_parts.group("addressees") if title_parts else None, vocab),
            original_language=_original_language(header, vocab),
            agenda_items=_agenda_items(header),
            title=title,
            language=language,
        )
    )


def _vocabulary_and_title(
    raw_text: str, cleaned: CleanText, language: str | None
) -> tuple[Vocabulary, str | None]:
    """The detected language's vocabulary if it finds a title, else the first one that does
    (an English letter quoting French at length must still be read as English)."""
    first = lang.vocabulary(language)
    others = [vocab for vocab in lang.registry().values() if vocab is not first]
    for vocab in (first, *others):
        title = find_title(raw_text, cleaned=cleaned, vocab=vocab)
        if title:
            return vocab, title
    return first, None


def shortened(text: str, limit: int) -> str:
    """`text` if it fits in `limit` characters, else cut at a word and ended with "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:") + "…"


def _bounded(meta: LetterMetadata) -> LetterMetadata:
    """Every value storable (no NULs) and no longer than its column."""
    values: dict[str, object] = {}
    for name, value in meta.__dict__.items():
        if isinstance(value, str):
            limit = FIELD_MAX_LENGTHS.get(name, _MAX_TITLE_CHARS)
            values[name] = shortened(storable(value), limit)
        elif isinstance(value, tuple):
            values[name] = tuple(storable(item)[:_MAX_LIST_ITEM_CHARS] for item in value)
        else:
            values[name] = value
    return LetterMetadata(**values)  # type: ignore[arg-type]


def find_title(
    raw_text: str, *, cleaned: CleanText | None = None, vocab: Vocabulary = ENGLISH
) -> str | None:
    """The first "Letter dated ..." / "Identical letters dated ..." / "Note verbale dated ..."
    paragraph, as one line."""
    if cleaned is None:
        first_pages = "\f".join(raw_text.split("\f", 2)[:2])  # titles sit on page one or two
        cleaned = clean_text(first_pages)
    for paragraph in cleaned.text.split("\n\n", 80)[:80]:
        if TITLE.match(paragraph) and vocab.title_dated in f" {paragraph.lower()} ":
            # A garbled scan can run the title into the body; keep a title-sized head.
            return re.sub(r"\s+", " ", paragraph).strip()[:_MAX_TITLE_CHARS]
    return None


def parse_date(text: str, vocab: Vocabulary = ENGLISH) -> date | None:
    """The first "8 January 2025" (or "4 juin 2025", "4 de junio de 2025") date in `text`."""
    match = vocab.date.search(text)
    if not match:
        return None
    month = vocab.months[match.group(2).lower()]
    day, year = int(match.group(1)), int(match.group(3))
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_sender(phrase: str, vocab: Vocabulary = ENGLISH) -> Sender:
    """ "the Permanent Representative of Kazakhstan to the United Nations" -> Kazakhstan;
    "the Secretary-General" -> Secretary-General."""
    phrase = re.sub(r"\s+", " ", phrase).strip()
    if len(phrase) > _MAX_SENDER_PHRASE_CHARS:
        return Sender(None, None)  # a garbled title ran into the body: better nothing than prose
    role = vocab.role_of_state.match(phrase)
    if role and _only_states(role.group("states"), vocab):
        states = states_in(role.group("states"), vocab.code)
        return Sender(_join_names(states), _role_title(role.group("role"), vocab))
    state = canonical_state(phrase, vocab.code)
    if state:
        return Sender(state, None)
    return Sender(shortened(_office(phrase, vocab), _MAX_SENDER_CHARS), None)


def _only_states(phrase: str, vocab: Vocabulary) -> bool:
    """True for "Denmark, Sierra Leone and the United Kingdom ..." (a list of States, maybe
    with a role for the last one), False for "the Security Council ... concerning the Sudan"."""
    rest = vocab.role_words.sub(" ", without_states(phrase, vocab.code))
    return bool(states_in(phrase, vocab.code)) and not re.sub(vocab.filler, "", rest)


def _office(phrase: str, vocab: Vocabulary) -> str:
    return vocab.article.sub("", vocab.office_tail.sub("", phrase))


def _role_title(role: str, vocab: Vocabulary) -> str | None:
    key = un_states.key(re.sub(r"\s+", " ", role))
    key = key.replace("charges", "charge").replace("d' ", "d'").replace("a. i.", "a.i.")
    key = (
        re.sub(r"s$", "", key)
        if key.endswith(("representatives", "observers", "missions"))
        else key
    )
    return vocab.role_titles.get(key, role.strip())


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


def _addressees(phrase: str | None, vocab: Vocabulary) -> tuple[str, ...]:
    if not phrase:
        return ()
    parts = re.split(vocab.addressee_split, phrase.strip().rstrip("."))
    addressees: list[str] = []
    for part in (part.strip() for part in parts if part.strip()):
        if len(part) > _MAX_ADDRESSEE_CHARS:
            break  # the title ran on into the letter's first sentence
        addressees.append(vocab.article.sub("", part))
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


def _doc_type(title: str | None, vocab: Vocabulary) -> str:
    for pattern, doc_type in vocab.doc_types:
        if title and pattern.match(title):
            return doc_type
    return "other"


def _distribution_date(header: list[str], vocab: Vocabulary) -> date | None:
    for line in header:
        match = vocab.date.search(line)
        if match and not line[: match.start()].strip() and not line[match.end() :].strip():
            return parse_date(line, vocab)
    return None


def _original_language(header: list[str], vocab: Vocabulary) -> str | None:
    match = vocab.original_language.search("\n".join(header))
    if not match:
        return None
    return vocab.language_names.get(match.group(1).lower(), match.group(1).capitalize())


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
