"""Every list answers in a constant number of queries, however many rows the page holds."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ClaimFactory, LetterFactory
from verification.models import Evidence, ExportJob, Source

pytestmark = pytest.mark.django_db


def _world(n: int, editor) -> dict:
    letter = LetterFactory()
    claims = [ClaimFactory(letter=letter, assignee=editor) for _ in range(n)]
    for i in range(n):
        source = Source.objects.create(kind="news", title=f"Report {i}", reliability="B")
        Evidence.objects.create(
            claim=claims[0], source=source, stance="corroborates", credibility=2, added_by=editor
        )
        ExportJob.objects.create(format="csv", requested_by=editor)
        LetterFactory()
    return {"claim": claims[0].pk, "source": Source.objects.first().pk, "letter": letter.pk}


LISTS = [
    "/api/v1/letters/",
    "/api/v1/claims/",
    "/api/v1/sources/",
    "/api/v1/exports/",
    "/api/v1/ratings/",
    "/api/v1/claims/{claim}/evidence/",
    "/api/v1/sources/{source}/evidence/",
    "/api/v1/letters/{letter}/claims/",
]


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(queries)


@pytest.mark.parametrize("template", LISTS)
def test_a_list_costs_the_same_queries_for_2_rows_as_for_12(api_client, editor, template):
    api_client.force_authenticate(editor)
    api_client.get("/api/v1/ratings/")  # the user's roles, loaded once as a session would

    few = _queries(api_client, template.format(**_world(2, editor)))
    many = _queries(api_client, template.format(**_world(12, editor)))
    assert few == many
