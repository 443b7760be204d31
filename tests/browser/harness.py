"""Helpers for browser journeys: log in, navigate, fill forms by their labels, check
accessibility with axe-core. Journeys for new features reuse these (see test_journeys.py).

Everything goes through what a user perceives: labels, link and button names, roles.
"""

import json
import os
import re
from pathlib import Path

from django.urls import reverse

from tests.conftest import PASSWORD

CHROMIUM = Path(os.environ.get("FINSAM_CHROMIUM", "/usr/bin/chromium"))
# Chromium on this machine may reach nothing but loopback: no background traffic at all.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
# What must never appear. "moderate"/"minor" are reported in docs/TILLGANGLIGHET.md work.
AXE_STOPPANDE = ("serious", "critical")


def url(page, path: str) -> str:
    return page.finsam_base_url + path


def oppna(page, path: str):
    """Go to ``path`` (relative to the live server); returns the HTTP response."""
    return page.goto(url(page, path))


def logga_in(page, username: str, password: str = PASSWORD) -> None:
    """Log in through the login form, filling the fields by their labels."""
    oppna(page, "/konto/logga-in/")
    fyll_i(page, {"Användarnamn": username, "Lösenord": password})
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state()


def logga_in_med_tangentbord(page, username: str, password: str = PASSWORD) -> None:
    """Log in with the keyboard alone: Tab to the first field, type, Tab, type, Enter."""
    oppna(page, "/konto/logga-in/")
    for _ in range(10):
        if page.evaluate("document.activeElement && document.activeElement.name") == "username":
            break
        page.keyboard.press("Tab")
    else:
        raise AssertionError("Användarnamnsfältet gick inte att nå med Tab")
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "password"
    page.keyboard.type(password)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def logga_ut(page) -> None:
    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_load_state()


def fyll_i(page, falt: dict[str, str | bool]) -> None:
    """Fill form fields found by their visible label: text, select (by option label),
    checkbox (True/False)."""
    for etikett, varde in falt.items():
        # The label text may end in " *" (required field, hidden from screen readers).
        kontroll = page.get_by_label(re.compile(rf"^\s*{re.escape(etikett)}\s*\*?\s*$"))
        typ = kontroll.evaluate("e => e.tagName.toLowerCase() + ':' + (e.type || '')")
        if typ.startswith("select"):
            kontroll.select_option(label=str(varde))
        elif typ.endswith(":checkbox") or typ.endswith(":radio"):
            kontroll.set_checked(bool(varde))
        else:
            kontroll.fill(str(varde))


def skicka(page, knapp: str) -> None:
    """Press the submit button named ``knapp`` and wait for the next page."""
    with page.expect_navigation():
        page.get_by_role("button", name=knapp, exact=True).click()


def huvudmeny(page) -> list[str]:
    """The link names of the main navigation, in order."""
    nav = page.get_by_role("navigation", name="Huvudmeny")
    return [t.strip() for t in nav.get_by_role("link").all_inner_texts()]


def ga_till(page, menyval: str) -> None:
    with page.expect_navigation():
        page.get_by_role("navigation", name="Huvudmeny").get_by_role(
            "link", name=menyval, exact=True
        ).click()


def rubrik(page) -> str:
    return page.get_by_role("heading", level=1).inner_text().strip()


def assert_accessible(page, *, sammanhang: str = "") -> None:
    """Run axe-core (WCAG 2.0/2.1 A and AA rules) on the current page; fail on any serious
    or critical violation, listing rule, help text and the offending elements."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol: not an inline script, so the page's
        # CSP (script-src 'self') stays as it is in production.
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    resultat = page.evaluate(
        """async () => {
            const r = await axe.run(document, {
                runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',
                                                 'best-practice']},
                resultTypes: ['violations'],
            });
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5),
            }));
        }"""
    )
    stoppande = [v for v in resultat if v["impact"] in AXE_STOPPANDE]
    assert not stoppande, f"Tillgänglighetsfel på {sammanhang or page.url}:\n" + json.dumps(
        stoppande, indent=2, ensure_ascii=False
    )


def csp_fel(page) -> list[str]:
    """Content-Security-Policy violations the browser reported on this page so far."""
    return [m for m in page.finsam_konsol if "Content Security Policy" in m]


def fel_vid(page, etikett: str) -> str:
    """The error message shown next to the field labelled ``etikett`` ("" if none): the
    form partial puts it in ``#<field id>_error`` right after the field."""
    kontroll = page.get_by_label(re.compile(rf"^\s*{re.escape(etikett)}\s*\*?\s*$"))
    fel = page.locator(f"#{kontroll.get_attribute('id')}_error")
    return fel.inner_text().strip() if fel.count() else ""


def meddelanden(page) -> list[str]:
    """The flash messages shown at the top of the page (success, warnings)."""
    return [t.strip() for t in page.locator(".messages .message").all_inner_texts()]


def forbund_url(namn: str, forbund, **kwargs) -> str:
    """The path of URL ``namn`` inside ``forbund``."""
    return reverse(namn, kwargs={"orgnr": forbund.orgnr, **kwargs})


def tabellrad(page, text: str):
    """The table row (in ``main``) that mentions ``text``."""
    return page.get_by_role("main").get_by_role("row").filter(has_text=text)
