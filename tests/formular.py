"""The values a browser would post for a page's own form (method post, no action) as
rendered (inputs, checked boxes, selected options, textareas), to post a page "as shown"
with the test client."""

from html.parser import HTMLParser


class _Formular(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.data: list[tuple[str, str]] = []
        self._select: str | None = None
        self._forsta: str | None = None
        self._vald = False
        self._textarea: str | None = None
        self._text = ""
        self._i_formular = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._i_formular = (a.get("method") or "").lower() == "post" and not a.get("action")
        namn = a.get("name") if self._i_formular else None
        if tag == "input" and namn and a.get("type", "text") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio"):
                if "checked" in a:
                    self.data.append((namn, a.get("value", "on")))
            else:
                self.data.append((namn, a.get("value") or ""))
        elif tag == "select" and namn:
            self._select, self._forsta, self._vald = namn, None, False
        elif tag == "option" and self._select is not None:
            if self._forsta is None:
                self._forsta = a.get("value", "")
            if "selected" in a and not self._vald:
                self.data.append((self._select, a.get("value", "")))
                self._vald = True
        elif tag == "textarea" and namn:
            self._textarea, self._text = namn, ""

    def handle_data(self, data):
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._i_formular = False
        if tag == "select" and self._select is not None:
            if not self._vald:
                self.data.append((self._select, self._forsta or ""))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.data.append((self._textarea, self._text.removeprefix("\n")))
            self._textarea = None


def formularvarden(sida: str) -> dict[str, str | list[str]]:
    """{name: value} of every field of ``sida`` (HTML) as a browser posts it unchanged; a
    name that occurs more than once maps to the list of its values."""
    lasare = _Formular()
    lasare.feed(sida)
    ut: dict[str, str | list[str]] = {}
    for namn, varde in lasare.data:
        if namn in ut:
            tidigare = ut[namn]
            ut[namn] = [*tidigare, varde] if isinstance(tidigare, list) else [tidigare, varde]
        else:
            ut[namn] = varde
    return ut
