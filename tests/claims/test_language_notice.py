"""A letter in a language extraction does not support says so, in the API and on its page,
instead of showing "ready" with no claims; people can still add claims by selecting text."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from claims.models import Letter, LetterStatus
from claims.services.letters import letter_process, letters_upload
from tests.browser.conftest import login
from tests.conftest import REPO, make_user

FRENCH = (REPO / "tests/ingest/data/S_2025_350_fr.txt").read_bytes()
ENGLISH = (REPO / "sample_data/letters/S_2025_43.txt").read_bytes()
NOTICE = "Claims not extracted: French is not supported yet; add claims by selecting text."


def _upload(client, name: str, raw: bytes, capture) -> dict:
    with capture(execute=True):
        response = client.post(
            "/api/v1/letters/", {"files": [SimpleUploadedFile(name, raw)]}, format="multipart"
        )
    assert response.status_code == 201, response.json()
    return response.json()["letters"][0]


@pytest.mark.django_db
def test_french_letter_is_read_but_its_claims_are_not_extracted(
    api_client, fact_checker, django_capture_on_commit_callbacks
):
    api_client.force_authenticate(fact_checker)
    created = _upload(api_client, "lettre.txt", FRENCH, django_capture_on_commit_callbacks)

    detail = api_client.get(f"/api/v1/letters/{created['id']}/").json()
    assert detail["status"] == "not_extracted"
    assert detail["status_message"] == NOTICE
    assert detail["language"] == "fr"
    assert detail["symbol"] == "S/2025/350", "metadata is still read"
    assert Letter.objects.get(pk=created["id"]).claims.count() == 0


@pytest.mark.django_db
def test_english_letter_is_extracted_and_has_no_notice(
    api_client, fact_checker, django_capture_on_commit_callbacks
):
    api_client.force_authenticate(fact_checker)
    created = _upload(api_client, "letter.txt", ENGLISH, django_capture_on_commit_callbacks)

    detail = api_client.get(f"/api/v1/letters/{created['id']}/").json()
    assert (detail["status"], detail["status_message"], detail["language"]) == ("ready", "", "en")
    assert Letter.objects.get(pk=created["id"]).claims.exists()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_letter_page_shows_the_language_notice(page, live_server, django_user_model):
    user = make_user(django_user_model, "fatima", "fact_checker")
    user.set_password("secret-pass-1")
    user.save()
    outcome = letters_upload(files=[("lettre.txt", FRENCH)], actor=user)
    letter = outcome.created[0]
    letter_process(letter_id=letter.pk)
    letter.refresh_from_db()
    assert letter.status == LetterStatus.NOT_EXTRACTED

    login(page, live_server, "fatima", "secret-pass-1")
    page.goto(f"{live_server.url}/letters/{letter.pk}/")
    status = page.locator("#letter-status")
    assert "Claims not extracted" in status.inner_text()
    assert NOTICE in status.inner_text()
    assert page.get_by_role("button", name="Add claim from selection").is_visible()
