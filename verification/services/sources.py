"""Sources: web pages, letters and documents that evidence points to.

Every service takes the acting user, checks it, runs in one transaction and writes an audit
event; a new web source queues its capture (services/captures.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.db import transaction

from claims import permissions
from claims.audit import audit_record, changed_fields
from claims.errors import BadInput, ErrorCode
from claims.models import Claim, Letter
from verification.models import (
    Reliability,
    Source,
    SourceKind,
)
from verification.services import captures

if TYPE_CHECKING:
    from claims.permissions import Actor

REFUSED = captures.REFUSED

SOURCE_FIELDS = [
    "kind",
    "title",
    "publisher",
    "author",
    "url",
    "published_on",
    "language",
    "reliability",
    "notes",
]


def clean_url(url: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise BadInput(
            "Enter a full web address starting with http:// or https://.", code=ErrorCode.BAD_URL
        )
    if len(url) > 2000 or any(ch.isspace() for ch in url):
        raise BadInput("That web address is too long or contains spaces.", code=ErrorCode.BAD_URL)
    return url


def _clean_source_values(values: dict) -> dict:
    values = dict(values)
    if "kind" in values and values["kind"] not in SourceKind.values:
        raise BadInput(f"Unknown source kind {values['kind']!r}.", code=ErrorCode.BAD_KIND)
    if "reliability" in values and values["reliability"] not in Reliability.values:
        raise BadInput("Reliability must be one of A–F.", code=ErrorCode.BAD_RELIABILITY)
    if "title" in values:
        values["title"] = values["title"].strip()[:500]
        if not values["title"]:
            raise BadInput("A source needs a title.", code=ErrorCode.NO_TITLE)
    if values.get("url"):
        values["url"] = clean_url(values["url"])
    return values


def source_create(*, values: dict, actor: Actor) -> Source:
    """A source entered by hand; if it has a URL, its first capture is queued."""
    permissions.require_researcher(actor, REFUSED)
    values = _clean_source_values({"kind": SourceKind.WEB_PAGE, **values})
    if "title" not in values:
        raise BadInput("A source needs a title.", code=ErrorCode.NO_TITLE)
    with transaction.atomic():
        source = Source.objects.create(**values, created_by=actor)
        audit_record(actor=actor, action="source.created", target=source, after=values)
        if source.url:
            captures.capture_request(source, actor=actor)
    return source


def source_update(
    *, source: Source, values: dict, actor: Actor, claim: Claim | None = None
) -> Source:
    permissions.require_researcher(actor, REFUSED)
    values = _clean_source_values(values)
    with transaction.atomic():
        source = Source.objects.live().select_for_update().get(pk=source.pk)
        before, after = changed_fields(source, SOURCE_FIELDS, values)
        if after:
            source.save()
            audit_record(
                actor=actor,
                action="source.updated",
                target=source,
                before=before,
                after=after,
                claim=claim,
            )
    return source


def source_for_url(url: str, *, actor: Actor) -> tuple[Source, bool]:
    existing = Source.objects.live().filter(url=url).order_by("id").first()
    if existing:
        return existing, False
    parts = urlsplit(url)
    source = Source.objects.create(
        kind=SourceKind.WEB_PAGE,
        title=(parts.netloc + parts.path)[:500],
        publisher=parts.hostname or "",
        url=url,
        created_by=actor,
    )
    audit_record(actor=actor, action="source.created", target=source, after={"url": url})
    return source, True


def source_for_letter(letter: Letter, *, actor: Actor) -> Source:
    existing = Source.objects.live().filter(letter=letter).order_by("id").first()
    if existing:
        return existing
    title = f"{letter.symbol}: {letter.title}" if letter.title else letter.symbol
    source = Source.objects.create(
        kind=SourceKind.LETTER,
        title=title[:500] or f"Letter {letter.pk}",
        publisher=letter.sender,
        published_on=letter.letter_date,
        language=letter.original_language[:32],
        letter=letter,
        created_by=actor,
    )
    audit_record(actor=actor, action="source.created", target=source, after={"letter": letter.pk})
    return source


def letter_by_symbol(symbol: str) -> Letter:
    """The workbench letter with this UN symbol (the processed one first)."""
    symbol = symbol.strip()
    if not symbol:
        raise BadInput(
            "Type the UN symbol of the letter, e.g. S/2025/76.", code=ErrorCode.NO_SYMBOL
        )
    letters = Letter.objects.live().filter(symbol__iexact=symbol).order_by("-id")
    letter = next((item for item in letters if item.text), None) or letters.first()
    if letter is None:
        raise BadInput(
            f"No letter with the symbol {symbol} is in the workbench.", code=ErrorCode.NO_LETTER
        )
    return letter
