"""One search over letters, claims, sources, evidence excerpts and comments: ranked, with
escaped highlights, paginated with a constant number of queries, on SQLite FTS5 and on
PostgreSQL full-text search alike."""

from __future__ import annotations

import pytest
from django.test.utils import CaptureQueriesContext

from tests.verification.verdicts.conftest import (
    make_claim,
    make_evidence,
    make_letter,
    make_source,
)
from verification import search_index, search_text
from verification.models import Comment
from verification.selectors import search as selectors

pytestmark = pytest.mark.django_db


def test_migration_and_selector_index_the_same_columns():
    frozen = {name: fields for (_a, _m, name), fields in search_index.FIELDS.items()}
    assert frozen == {name: kind.fields for name, kind in selectors.KINDS.items()}


def test_fts5_match_quotes_every_term_so_no_operator_gets_through():
    assert search_text.fts5_match('drone NEAR(x) OR "y') == '"drone" "NEAR" "x" "OR" "y"'
    assert search_text.fts5_match("S/2025/470") == '"S 2025 470"'
    assert search_text.fts5_match("  ") == ""


def test_highlight_escapes_the_text_and_marks_the_matches():
    html = search_text.highlight("<b>x</b> \x02drone\x03 & more")
    assert html == "&lt;b&gt;x&lt;/b&gt; <mark>drone</mark> &amp; more"


def _world(user):
    letter = make_letter()  # the Kharkiv/Kupiansk letter, S/2025/300
    claim = make_claim(letter, "On 4 May a drone struck the water station in Kupiansk")
    source = make_source("Kupiansk water report", publisher="OCHA")
    make_evidence(claim, source, excerpt="The <b>water</b> station was hit by drones.")
    Comment.objects.create(claim=claim, author=user, body="Check the drone footage first.")
    return letter, claim


def test_one_search_finds_every_kind_with_highlights(client, fact_checker):
    _world(fact_checker)
    client.force_login(fact_checker)
    html = client.get("/search/", {"q": "drones"}).content.decode()  # stemmed: drone(s)
    for label in ("Letters", "Claims", "Evidence excerpts", "Comments"):
        assert f'<span class="badge">{label}</span>' in html
    assert "<mark>" in html
    assert "<b>water</b>" not in html  # excerpt text is escaped


def test_every_word_must_match_and_soft_deleted_rows_disappear(fact_checker):
    _letter, claim = _world(fact_checker)
    assert {hit.kind for hit in selectors.search("water station")[0:20]} >= {"claim", "letter"}
    assert selectors.search("water unicorn").count() == 0
    claim.is_deleted = True
    claim.save(update_fields=["is_deleted"])
    assert "claim" not in {hit.kind for hit in selectors.search("Kupiansk")[0:20]}


def test_search_follows_edits(fact_checker):
    _letter, claim = _world(fact_checker)
    claim.restatement = "A pumping facility was damaged"
    claim.save(update_fields=["restatement"])
    assert [h.object_id for h in selectors.search("pumping", "claim")[0:5]] == [claim.pk]


def test_symbol_search_finds_the_letter(fact_checker):
    letter, _claim = _world(fact_checker)
    hits = selectors.search("S/2025/300", "letter")[0:5]
    assert [hit.object_id for hit in hits] == [letter.pk]


def test_search_page_queries_do_not_grow_with_results(client, fact_checker):
    client.force_login(fact_checker)
    _world(fact_checker)
    client.get("/search/", {"q": "drone"})

    def queries() -> int:
        from django.db import connection

        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/search/", {"q": "drone"}).status_code == 200
        return len(ctx.captured_queries)

    every_kind = queries()  # count, page, then titles + highlights per kind on the page
    for i in range(30):
        letter = make_letter(symbol=f"S/2025/{400 + i}")
        make_claim(letter, "On 4 May a drone struck the water station in Kupiansk")
    assert queries() <= every_kind


def test_nonsense_input_is_not_an_error(client, fact_checker):
    client.force_login(fact_checker)
    for q in ('"', "NEAR(", "*", "'; drop table", "x" * 5000, "\x00"):
        assert client.get("/search/", {"q": q, "page": "zz"}).status_code == 200


def test_outsider_cannot_search(client, outsider):
    client.force_login(outsider)
    assert client.get("/search/", {"q": "drone"}).status_code == 404


def test_queue_and_triage_filter_by_un_symbol(client, fact_checker):
    letter, claim = _world(fact_checker)
    other = make_letter(symbol="S/2025/301")
    make_claim(other, "On 2 May the armed forces shelled the market in Kharkiv")
    client.force_login(fact_checker)
    page = client.get("/queues/all/", {"letter": "s/2025/300"})
    assert list(page.context["page"].object_list) == [claim]
    assert client.get("/triage/", {"letter": "S/2025/300"}).status_code == 200
    by_id = client.get("/queues/all/", {"letter": str(letter.pk)})
    assert list(by_id.context["page"].object_list) == [claim]
