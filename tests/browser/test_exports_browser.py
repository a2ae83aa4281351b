"""An editor requests a report and watches the exports list update itself."""

import pytest
from django.contrib.auth.models import Group

from tests.browser.conftest import login
from tests.verification.verdicts.conftest import make_claim, make_letter
from verification.models import ExportJob

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def desk_editor(django_user_model):
    user = django_user_model.objects.create_user(username="grace", password="secret-pass-1")
    user.groups.add(Group.objects.get_or_create(name="editor")[0])
    return user


def test_editor_exports_a_letter_and_the_list_polls_until_it_is_done(
    page, live_server, desk_editor
):
    letter = make_letter()
    make_claim(letter, "On 4 May a drone struck the water station in Kupiansk")
    running = ExportJob.objects.create(
        requested_by=desk_editor,
        format="docx",
        status="running",
        progress=30,
        scope_label="Earlier",
    )
    login(page, live_server, "grace", "secret-pass-1")
    page.get_by_role("link", name="Exports").click()
    row = page.locator(f"#export-{running.pk}")
    assert row.locator("progress").get_attribute("value") == "30"
    ExportJob.objects.filter(pk=running.pk).update(status="failed", error="worker lost")
    row.get_by_text("worker lost").wait_for()  # the row polled and swapped itself

    page.get_by_label("One letter").check()
    page.get_by_label("Letter (symbol or id)").fill("S/2025/300")
    page.get_by_label("Format").select_option("csv")
    page.get_by_role("button", name="Export", exact=True).click()
    page.get_by_text("Export queued: Letter S/2025/300").wait_for()
    job = ExportJob.objects.exclude(pk=running.pk).get()
    with page.expect_download() as download:
        page.locator(f"#export-{job.pk}").get_by_role("link", name="Download").click()
    assert download.value.suggested_filename == f"report-{job.pk}.csv"
