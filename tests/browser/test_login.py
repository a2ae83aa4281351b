import pytest
from django.contrib.auth.models import Group

from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def checker(django_user_model):
    user = django_user_model.objects.create_user(username="fatima", password="secret-pass-1")
    user.groups.add(Group.objects.get_or_create(name="fact_checker")[0])
    return user


def test_fact_checker_logs_in_and_sees_the_dashboard(page, live_server, checker):
    login(page, live_server, "fatima", "secret-pass-1")
    assert page.get_by_role("heading", name="Dashboard").is_visible()
    assert page.get_by_role("link", name="Letters", exact=True).is_visible()


def test_wrong_password_shows_a_readable_message(page, live_server, checker):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Username").fill("fatima")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Log in").click()
    assert (
        page.get_by_role("alert").inner_text().startswith("Your username and password didn't match")
    )


def test_htmx_is_served_by_the_app_itself(page, live_server, checker):
    login(page, live_server, "fatima", "secret-pass-1")
    assert page.evaluate("typeof window.htmx") == "object"
    scripts = page.eval_on_selector_all("script[src]", "els => els.map(e => e.src)")
    assert scripts and all(src.startswith(live_server.url) for src in scripts)


def test_pages_and_htmx_work_under_the_content_security_policy(page, live_server, checker):
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    login(page, live_server, "fatima", "secret-pass-1")
    for path in ("/", "/letters/", "/letters/upload/", "/api/docs/"):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
    page.goto(f"{live_server.url}/letters/")
    with page.expect_response(lambda response: "/letters/?" in response.url):
        page.locator("form.filters input").first.fill("S/2025")  # htmx swaps the rows
    assert page.evaluate("htmx.config.allowEval") is False
    assert violations == []
