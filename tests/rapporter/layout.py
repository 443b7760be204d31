"""Read a rendered report's contents list and headings back from its HTML (stdlib parser):
the tests compare them with each other and with the PDF's text."""

from html.parser import HTMLParser

RUBRIKER = {"h1", "h2", "h3", "h4", "h5", "h6"}


class _Lasare(HTMLParser):
    def __init__(self):
        super().__init__()
        self.innehall: list[str] = []  # the contents list's entries, "1.2 Rubrik"
        self.rubriker: list[tuple[str, bool]] = []  # (heading text, has a number)
        self._i_nav = 0
        self._lank: list[str] | None = None
        self._rubrik: list[str] | None = None
        self._numrerad = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        klasser = (a.get("class") or "").split()
        if tag == "nav" and "innehall" in klasser:
            self._i_nav += 1
        elif self._i_nav and tag == "a":
            self._lank = []
        elif not self._i_nav and tag in RUBRIKER:
            self._rubrik, self._numrerad = [], False
        elif tag == "span" and "nr" in klasser and self._rubrik is not None:
            self._numrerad = True

    def handle_endtag(self, tag):
        if tag == "nav" and self._i_nav:
            self._i_nav -= 1
        elif tag == "a" and self._lank is not None:
            self.innehall.append(" ".join("".join(self._lank).split()))
            self._lank = None
        elif tag in RUBRIKER and self._rubrik is not None:
            self.rubriker.append((" ".join("".join(self._rubrik).split()), self._numrerad))
            self._rubrik = None

    def handle_data(self, data):
        if self._lank is not None:
            self._lank.append(data)
        if self._rubrik is not None:
            self._rubrik.append(data)


def _las(html: str) -> _Lasare:
    lasare = _Lasare()
    lasare.feed(html)
    return lasare


def innehall(html: str) -> list[str]:
    """The contents list's entries in order, as printed: ``"1.2 Rubrik"``."""
    return _las(html).innehall


def rubriker(html: str) -> list[str]:
    """Every heading of the document outside the contents list, in order."""
    return [t for t, _ in _las(html).rubriker if t]


def numrerade_rubriker(html: str) -> list[str]:
    """The numbered headings (``<span class="nr">``) in order, as printed."""
    return [t for t, numrerad in _las(html).rubriker if numrerad]
