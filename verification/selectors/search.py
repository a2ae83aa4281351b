"""One search over letters, claims, sources, evidence excerpts and comments, ranked, with
highlighted matches, behind one selector: `search(text, kind=...)`.

PostgreSQL (production): SearchVector / SearchQuery (websearch syntax) / SearchRank /
SearchHeadline with the English configuration; each table has a GIN index on exactly the
vector used here (migration verification.0004 builds it from these FIELDS). SQLite (the
embedded default): one FTS5 table per kind over the real table (external content, porter
stemming), kept current by triggers (same migration).

A page costs a constant number of queries: one count, one ranked page of (kind, id, rank) over
all kinds, then one query per kind present on the page to fetch titles and highlights.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Q, TextField, Value
from django.db.models.functions import Coalesce, Concat
from django.urls import reverse

from claims.models import Claim, Letter
from verification import search_index, search_text
from verification.models import Comment, Evidence, Source

CONFIG = search_index.CONFIG


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    model: Any
    fields: tuple[str, ...]
    live: Q


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind("letter", "Letters", Letter, ("symbol", "title", "sender", "text"),
             Q(is_deleted=False)),
        Kind("claim", "Claims", Claim, ("quote", "restatement"),
             Q(is_deleted=False, letter__is_deleted=False)),
        Kind("source", "Sources", Source, ("title", "publisher", "author", "notes"),
             Q(is_deleted=False)),
        Kind("evidence", "Evidence excerpts", Evidence, ("excerpt", "note", "location"),
             Q(is_deleted=False, claim__is_deleted=False)),
        Kind("comment", "Comments", Comment, ("body",),
             Q(is_deleted=False, claim__is_deleted=False)),
    )
}  # fmt: skip


@dataclass(frozen=True)
class Hit:
    kind: str
    kind_label: str
    object_id: int
    title: str
    context: str
    snippet_html: str
    url: str


def fts_table(kind: Kind) -> str:
    return search_index.fts_table(kind.name)


def vector(kind: Kind) -> SearchVector:
    return SearchVector(*kind.fields, config=CONFIG)


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


class _Results(Sequence):
    """What Paginator needs: a count and slices; each slice becomes a list of Hits."""

    def __init__(self, text: str, kinds: list[Kind]) -> None:
        self.text, self.kinds = text, kinds
        self._count: int | None = None

    def count(self, *_args: object) -> int:  # type: ignore[override]  # Paginator's count()
        if self._count is None:
            self._count = _pg_count(self) if is_postgres() else _fts_count(self)
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):  # type: ignore[override]
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        offset, stop = index.start or 0, index.stop or self.count()
        rows = _pg_page(self, offset, stop) if is_postgres() else _fts_page(self, offset, stop)
        return _hydrate(rows, self.text)


def search(text: str, kind: str = "") -> _Results:
    """Everything matching `text` (every word must occur), best first; empty if no words."""
    kinds = [KINDS[kind]] if kind in KINDS else list(KINDS.values())
    return _Results(" ".join(search_text.query_terms(text)), kinds)


# ---- PostgreSQL ---------------------------------------------------------------------------
def _pg_query(text: str) -> SearchQuery:
    return SearchQuery(text, search_type="websearch", config=CONFIG)


def _pg_union(results: _Results):
    query = _pg_query(results.text)
    parts = [
        kind.model.objects.annotate(search=vector(kind))
        .filter(kind.live, search=query)
        .annotate(hit_kind=Value(kind.name), hit_rank=SearchRank(F("search"), query))
        .values_list("hit_kind", "pk", "hit_rank")
        .order_by()
        for kind in results.kinds
    ]
    return parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]


def _pg_count(results: _Results) -> int:
    return _pg_union(results).count() if results.text else 0


def _pg_page(results: _Results, offset: int, stop: int) -> list[tuple[str, int]]:
    if not results.text:
        return []
    ranked = _pg_union(results).order_by("-hit_rank", "hit_kind", "pk")[offset:stop]
    return [(kind, pk) for kind, pk, _rank in ranked]


def _pg_headlines(kind: Kind, ids: list[int], text: str) -> dict[int, str]:
    document = Concat(*_spaced(kind.fields), output_field=TextField())
    rows = kind.model.objects.filter(pk__in=ids).annotate(
        headline=SearchHeadline(
            document,
            _pg_query(text),
            config=CONFIG,
            start_sel=search_text.START,
            stop_sel=search_text.STOP,
            max_fragments=2,
            max_words=24,
            min_words=10,
            fragment_delimiter=" … ",
        )
    )
    return dict(rows.values_list("pk", "headline"))


def _spaced(fields: tuple[str, ...]) -> list:
    parts: list = []
    for field in fields:
        if parts:
            parts.append(Value(" "))
        parts.append(Coalesce(F(field), Value(""), output_field=TextField()))
    return parts if len(parts) > 1 else [*parts, Value("")]


# ---- SQLite FTS5 ----------------------------------------------------------------------------
def _fts_union(results: _Results) -> tuple[str, list[str]]:
    match = search_text.fts5_match(results.text)
    selects = [
        f"SELECT '{kind.name}' AS kind, rowid AS id, bm25({fts_table(kind)}) AS rank "
        f"FROM {fts_table(kind)} WHERE {fts_table(kind)} MATCH %s"
        for kind in results.kinds
    ]
    return " UNION ALL ".join(selects), [match] * len(selects)


def _fts_count(results: _Results) -> int:
    if not results.text:
        return 0
    sql, params = _fts_union(results)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM ({sql})", params)
        return cursor.fetchone()[0]


def _fts_page(results: _Results, offset: int, stop: int) -> list[tuple[str, int]]:
    if not results.text:
        return []
    sql, params = _fts_union(results)
    with connection.cursor() as cursor:
        cursor.execute(
            f"{sql} ORDER BY rank, kind, id LIMIT %s OFFSET %s", [*params, stop - offset, offset]
        )
        return [(kind, pk) for kind, pk, _rank in cursor.fetchall()]


def _fts_headlines(kind: Kind, ids: list[int], text: str) -> dict[int, str]:
    table = fts_table(kind)
    marks = "-1, char(2), char(3), ' … ', 20"
    placeholders = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid, snippet({table}, {marks}) FROM {table} "
            f"WHERE {table} MATCH %s AND rowid IN ({placeholders})",
            [search_text.fts5_match(text), *ids],
        )
        return dict(cursor.fetchall())


# ---- Both: titles, links and highlights for one page -----------------------------------------
def _hydrate(rows: list[tuple[str, int]], text: str) -> list[Hit]:
    by_kind: dict[str, list[int]] = {}
    for name, pk in rows:
        by_kind.setdefault(name, []).append(pk)
    found: dict[tuple[str, int], Hit] = {}
    for name, ids in by_kind.items():
        spec = KINDS[name]
        snippets = (_pg_headlines if is_postgres() else _fts_headlines)(spec, ids, text)
        for obj in _objects(spec, ids):
            found[(name, obj.pk)] = _hit(spec, obj, search_text.highlight(snippets.get(obj.pk, "")))
    return [found[row] for row in rows if row in found]


def _objects(kind: Kind, ids: list[int]):
    objects = kind.model.objects.filter(kind.live, pk__in=ids)
    if kind.name == "letter":
        return objects.only("id", "symbol", "sender", "letter_date")
    if kind.name == "claim":
        return objects.select_related("letter").only(
            "id", "quote", "letter__symbol", "letter__sender"
        )
    if kind.name == "source":
        return objects.only("id", "title", "publisher")
    if kind.name == "evidence":
        return objects.select_related("source", "claim__letter").only(
            "id", "claim_id", "source__title", "claim__letter__symbol"
        )
    return objects.select_related("author", "claim__letter").only(
        "id", "claim_id", "author__username", "claim__letter__symbol"
    )


def _hit(kind: Kind, obj, snippet: str) -> Hit:
    def make(title: str, context: str, url: str) -> Hit:
        return Hit(kind.name, kind.label, obj.pk, title, context, snippet, url)

    match kind.name:
        case "letter":
            context = f"{obj.sender or 'unknown sender'}, {obj.letter_date or 'undated'}"
            return make(str(obj), context, reverse("letter_detail", args=[obj.pk]))
        case "claim":
            letter = obj.letter
            return make(f"Claim in {letter}", letter.sender, reverse("claim_detail", args=[obj.pk]))
        case "source":
            return make(obj.title, obj.publisher, reverse("source_detail", args=[obj.pk]))
        case "evidence":
            url = reverse("claim_detail", args=[obj.claim_id]) + "#evidence"
            return make(f"Excerpt from {obj.source.title}", str(obj.claim.letter), url)
    url = reverse("claim_detail", args=[obj.claim_id]) + "#comments"
    return make(f"Comment by {obj.author.username}", str(obj.claim.letter), url)
