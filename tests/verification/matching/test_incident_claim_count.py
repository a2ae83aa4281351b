"""The claim page names the incident with the number of claims it really holds."""

import pytest

from verification.models import Incident

from .conftest import STRIKE, make_claim, make_letter

pytestmark = pytest.mark.django_db


def test_claim_page_counts_every_live_claim_of_the_incident(client, observer):
    claims = [
        make_claim(make_letter(f"S/2024/{300 + number}", "Ukraine", STRIKE)) for number in range(7)
    ]
    incident = Incident.objects.create(title="Kharkiv hospital strike")
    incident.claims.set(claims)
    claims[6].is_deleted = True
    claims[6].save(update_fields=["is_deleted"])
    client.force_login(observer)
    page = client.get(f"/claims/{claims[0].pk}/matching/").content.decode()
    assert "Kharkiv hospital strike" in page
    assert "(6 claims)" in page
