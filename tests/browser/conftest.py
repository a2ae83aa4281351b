"""Helpers for browser tests. The Chromium fixtures (`browser`, `page`) live in tests/conftest.py
so one Playwright instance serves every test directory."""


def login(page, live_server, username: str, password: str) -> None:
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")
