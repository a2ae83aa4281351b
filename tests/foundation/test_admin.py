"""Admins soft-delete and restore; nothing reviewed is ever hard-deleted."""

import pytest

from claims.models import AuditEvent, Letter

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", password="pw-root")
    client.force_login(admin)
    return client


def test_admin_soft_deletes_and_restores_a_letter_with_an_audit_trail(admin_client):
    letter = Letter.objects.create(symbol="S/2025/1", status="ready")
    url = "/admin/claims/letter/"
    admin_client.post(url, {"action": "soft_delete", "_selected_action": [letter.pk]})
    letter.refresh_from_db()
    assert letter.is_deleted
    admin_client.post(url, {"action": "restore", "_selected_action": [letter.pk]})
    letter.refresh_from_db()
    assert not letter.is_deleted
    actions = list(AuditEvent.objects.filter(letter=letter).values_list("action", flat=True))
    assert actions == ["letter.deleted", "letter.restored"]


def test_admin_offers_no_hard_delete(admin_client):
    letter = Letter.objects.create(symbol="S/2025/2", status="ready")
    assert admin_client.get(f"/admin/claims/letter/{letter.pk}/delete/").status_code == 403
