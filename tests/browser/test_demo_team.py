"""`make run` serves a team: one login is valid on every gunicorn worker of the install, so
several files uploaded at once are all accepted and self-refreshing parts keep refreshing."""

import pytest

from tests.conftest import REPO
from tests.embedded import START_TIMEOUT, embedded_workbench

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LETTERS = REPO / "sample_data" / "letters"


def _log_in(page, base: str) -> None:
    page.goto(f"{base}/login/")
    page.get_by_label("Username").fill("checker")
    page.get_by_label("Password").fill("checker-demo-pass")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/")


def test_three_files_chosen_at_once_are_all_accepted_and_their_status_refreshes(page, tmp_path):
    files = []
    for number, name in enumerate(("S_2025_43.txt", "S_2025_173.txt", "S_2025_43.txt")):
        copy = tmp_path / f"team-{number}.txt"
        # A distinct tail gives each copy its own SHA-256, so none is a duplicate of another.
        copy.write_bytes((LETTERS / name).read_bytes() + f"\n\nCopy {number}\n".encode())
        files.append(str(copy))

    with embedded_workbench(tmp_path / "var") as base:
        _log_in(page, base)
        statuses = page.evaluate(
            """async () => {
                const urls = Array(6).fill(['/', '/letters/', '/api/v1/letters/']).flat();
                const replies = await Promise.all(urls.map((u) => fetch(u)));
                return replies.map((r) => r.status);
            }"""
        )
        assert statuses == [200] * 18, "every worker accepts the session"

        page.goto(f"{base}/letters/upload/")
        page.set_input_files("#id_files", files)
        received = page.locator("#upload-progress li a", has_text="received, processing")
        received.nth(2).wait_for(timeout=60_000)
        assert page.locator("#upload-progress li.error").count() == 0

        received.first.click()
        page.locator("#letter-status", has_text="ready").wait_for(timeout=START_TIMEOUT * 1000)
        assert page.get_by_label("Password").count() == 0, "never replaced by the login page"
