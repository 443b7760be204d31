"""Browser journeys: Playwright driving Debian's Chromium against pytest-django's
live_server. Skipped, with one plain line in the summary, where Chromium is missing.

Never run `playwright install`: the browser is Debian's (`apt-get install chromium`).
"""

import os

import pytest
from django.db import connections

from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS

# Playwright's sync API runs an event loop in this thread; the ORM calls the fixtures make
# in the same thread are still synchronous, so Django's guard does not apply here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

_HOPPADE_OVER: list[str] = []


def _saknas() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} saknas"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Python-paketet playwright saknas"
    return None


def pytest_collection_modifyitems(config, items):
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.fspath).startswith(here):
            item.add_marker(pytest.mark.browser)
            # live_server runs in another thread: the data must really be committed.
            item.add_marker(pytest.mark.django_db(transaction=True))


def pytest_terminal_summary(terminalreporter):
    if _HOPPADE_OVER:
        terminalreporter.write_line(f"Webbläsartester hoppades över: {_HOPPADE_OVER[0]}")


# One browser for the session: Playwright's sync API allows one running instance per
# thread, so every journey lives in tests/browser and uses this fixture.
@pytest.fixture(scope="session")
def chromium():
    orsak = _saknas()
    if orsak:
        if not _HOPPADE_OVER:
            _HOPPADE_OVER.append(orsak)
        pytest.skip(f"Webbläsartester hoppades över: {orsak}")
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    pw.stop()


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    p = context.new_page()
    p.finsam_base_url = live_server.url
    p.finsam_konsol = []
    p.on("console", lambda m: p.finsam_konsol.append(f"{m.type}: {m.text}"))
    yield p
    context.close()


@pytest.fixture
def utan_tvafaktor(settings):
    """The journey starts at the feature it proves: no two-factor step at login."""
    settings.FINSAM_KRAV_2FA = False


@pytest.fixture
def stang_anslutningar(transactional_db):
    """Playwright's sync API runs the test in another async context than the one the
    fixtures opened their connection in: close the extra connection (even when the test
    fails), or PostgreSQL keeps the test database busy at teardown."""
    yield
    connections.close_all()
