"""Narrative texts as formatted HTML: the allowed formatting (headings, paragraphs, lists,
bold/italic, links and simple tables) and nothing else. Texts are sanitised with nh3
(ammonia, the html5ever-based sanitiser) when saved and again when printed, so pasted
Word or web HTML keeps its structure and loses scripts, styles, images and any outside
resource (no ``src``, no ``style``, no ``class``; links only http(s) and mailto)."""

import html
import re

import nh3

TAGGAR = {
    "p",
    "br",
    "h3",
    "h4",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "ul",
    "ol",
    "li",
    "a",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ATTRIBUT = {
    "a": {"href", "title"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}
SCHEMAN = {"http", "https", "mailto"}
# ``\s`` already matches U+00A0: naming it again would make the repetition ambiguous
# (exponential backtracking on a run of no-break spaces).
_TOMT_STYCKE = re.compile(r"<p>(?:\s|&nbsp;|<br>)*</p>")
_HTML = re.compile(r"<[a-zA-Z/!]")
# Headings in a section's text sit below the section heading (h2 chapter, h3 section).
_RUBRIKER = {"h1": "h3", "h2": "h3", "h5": "h4", "h6": "h4"}


def sanera(text: str) -> str:
    """The allowed HTML of ``text`` (str → str). Plain text without tags (older texts,
    the demo) becomes paragraphs, one per line. Headings h1/h2 become h3, h5/h6 h4; a
    ``div`` (what editors write per line) becomes a paragraph."""
    if not text or not text.strip():
        return ""
    if not _HTML.search(text):
        return fran_ren_text(text)
    text = word_listor(text)
    for fran, till in _RUBRIKER.items():
        text = text.replace(f"<{fran}", f"<{till}").replace(f"</{fran}>", f"</{till}>")
    text = text.replace("<div", "<p").replace("</div>", "</p>")
    ren = nh3.clean(
        text,
        tags=TAGGAR,
        attributes=ATTRIBUT,
        url_schemes=SCHEMAN,
        link_rel="noopener noreferrer",
        strip_comments=True,
        # Word's clipboard carries a whole document: the head's title ("Dokument1"),
        # styles and scripts go with their contents, not as stray text.
        clean_content_tags={"head", "title", "style", "script", "xml"},
    )
    ren = _TOMT_STYCKE.sub("", ren).strip()
    return ren


# Word writes a list item as a paragraph: class MsoListParagraph* and/or style
# "mso-list:l0 level1 lfo1", the bullet or number typed out in a span "mso-list:Ignore"
# (inside <![if !supportLists]> … <![endif]>). Word's paragraphs never nest, so a
# paragraph-level scan is safe here; the result is sanitised by nh3 after. Every pattern
# here is scanned in linear time whatever is pasted: no ``.*?`` that can run to the end
# of the text from many starting points (a 15 kB paste took 36 s before), tag attributes
# stop at the next ``<`` or ``>``, and closing tags are found by a forward-only search.
_WORD_START = re.compile(r"<p\b([^<>]*)>", re.I)
_WORD_SLUT = re.compile(r"</p\s*>", re.I)
_WORD_LISTA = re.compile(r"mso-list:\s*l\d+|class=[\"']?MsoListParagraph", re.I)
_WORD_NIVA = re.compile(r"level(\d+)", re.I)
_IGNORE = re.compile(r"<span\b[^<>]*mso-list:\s*Ignore[^<>]*>", re.I)
_SPAN = re.compile(r"<(/?)span\b[^<>]*>", re.I)
_SPAN_START = re.compile(r"<span\b[^<>]*>", re.I)
_OM_EFTER = re.compile(r"\s*</span>", re.I)
_ENDIF = re.compile(r"\s*<!\[endif\]>", re.I)
_VILLKOR = re.compile(r"<!\[[^\]<>]*\]>")
_NUMRERAD = re.compile(r"^\(?[0-9A-Za-z]{1,4}[.)]$")


def _utan_kommentarer(text: str) -> str:
    """``text`` without HTML comments and Word's ``<![if …]>`` markers (linear)."""
    delar, pos = [], 0
    while (i := text.find("<!--", pos)) != -1:
        delar.append(text[pos:i])
        j = text.find("-->", i + 4)
        if j == -1:
            pos = len(text)
            break
        pos = j + 3
    delar.append(text[pos:])
    return _VILLKOR.sub("", "".join(delar))


def _stycken(text: str):
    """(start, end, attributes, content) of each ``<p …>…</p>`` in order, as a
    non-greedy regex would find them, in linear time."""
    pos = 0
    slut = None
    while (m := _WORD_START.search(text, pos)) is not None:
        if slut is None or slut.start() < m.end():
            slut = _WORD_SLUT.search(text, m.end())
            if slut is None:
                return
        yield m.start(), slut.end(), m.group(1), text[m.end() : slut.start()]
        pos = slut.end()


def _word_markor(innehall: str) -> tuple[int, int, str] | None:
    """(start, end, marker HTML) of the typed-out list marker in a Word list paragraph
    (the ``mso-list:Ignore`` span with its wrapper), or None."""
    m = _IGNORE.search(innehall)
    if m is None:
        return None
    djup = 1
    for t in _SPAN.finditer(innehall, m.end()):
        djup += -1 if t.group(1) else 1
        if djup == 0:
            break
    else:
        return None
    markor = innehall[m.end() : t.start()]
    start, slut = m.start(), t.end()
    # The wrapper before it: optional <![if !supportLists]>, whitespace, an outer <span>.
    fore = innehall[:start].rstrip()
    if fore.endswith(">") and (k := fore.rfind("<")) != -1 and _SPAN_START.fullmatch(fore, k):
        fore = fore[:k].rstrip()
        if e := _OM_EFTER.match(innehall, slut):
            slut = e.end()
    if fore.lower().endswith("<![if !supportlists]>"):
        fore = fore[: -len("<![if !supportLists]>")]
    start = len(fore)
    if e := _ENDIF.match(innehall, slut):
        slut = e.end()
    return start, slut, markor


def word_listor(text: str) -> str:
    """Word's fake lists (str → str): runs of list paragraphs (MsoListParagraph* or
    ``mso-list:lN levelM``) become ``<ul>``/``<ol>`` with ``<li>``, nested by Word's
    level; the typed-out marker is dropped. A marker like "1." "a)" "(iv)" makes the
    list numbered, anything else ("·", "o", "§", "–") a bullet list. Other HTML is
    returned unchanged."""
    if "mso-list" not in text and "MsoListParagraph" not in text:
        return text
    ut: list[str] = []
    oppna: list[str] = []  # the open lists' tags, outermost first; each has an open <li>
    slut = 0

    def stang(till: int) -> None:
        while len(oppna) > till:
            ut.append(f"</li></{oppna.pop()}>")

    for borjan, stopp, attribut, innehall in _stycken(text):
        mellan = text[slut:borjan]
        slut = stopp
        if _utan_kommentarer(mellan).strip():
            stang(0)  # a heading or table between the paragraphs ends the list
        if not oppna:  # inside a list only whitespace and comments lie between items
            ut.append(mellan)
        markor = _word_markor(innehall) if _WORD_LISTA.search(attribut) else None
        if not _WORD_LISTA.search(attribut) or (markor is None and "mso-list" not in attribut):
            stang(0)
            ut.append(text[borjan:stopp])
            continue
        niva = _WORD_NIVA.search(attribut)
        niva = max(1, int(niva.group(1))) if niva else 1
        tecken = ""
        if markor:
            tecken = html.unescape(re.sub(r"<[^<>]*>|&nbsp;|\s", "", markor[2]))
            innehall = innehall[: markor[0]] + innehall[markor[1] :]
        tagg = "ol" if _NUMRERAD.match(tecken) else "ul"
        stang(niva)
        if len(oppna) == niva:
            if oppna[-1] == tagg:
                ut.append("</li>")
            else:
                stang(niva - 1)
        while len(oppna) < niva:
            ut.append(f"<{tagg}>" if len(oppna) == niva - 1 else f"<{tagg}><li>")
            oppna.append(tagg)
        ut.append(f"<li>{innehall.strip()}")
    stang(0)
    ut.append(text[slut:])
    return "".join(ut)


def fran_ren_text(text: str) -> str:
    """Plain text → HTML paragraphs (escaped), one per non-empty line."""
    rader = [r.strip() for r in text.splitlines() if r.strip()]
    return "".join(f"<p>{html.escape(r, quote=False)}</p>" for r in rader)


def ren_text(text: str) -> str:
    """The text content of sanitised HTML (for the audit log and JSON), blocks on lines."""
    ut = nh3.clean(
        text.replace("</p>", "</p>\n").replace("</li>", "</li>\n").replace("<br>", "\n"),
        tags=set(),
    )
    return html.unescape(ut).strip()


LOGOTYP_MAX_BYTE = 1_000_000  # 1 MB uploaded
LOGOTYP_MAX_PIXLAR = 3000  # per side
LOGOTYP_UT_PIXLAR = 800  # stored at most this wide/high


class OgiltigBild(ValueError):
    """The upload is not a usable image (message in Swedish, for the field)."""


def logotyp_png(data: bytes) -> bytes:
    """A validated logo re-encoded as PNG (bytes → bytes): PNG or JPEG only, at most
    1 MB and 3000 px a side, scaled down to 800 px; re-encoding drops metadata and
    anything hidden in the file. Raises :class:`OgiltigBild`."""
    import io

    from PIL import Image, UnidentifiedImageError

    if len(data) > LOGOTYP_MAX_BYTE:
        raise OgiltigBild("Bilden är för stor: högst 1 MB.")
    try:
        with Image.open(io.BytesIO(data)) as bild:
            if bild.format not in ("PNG", "JPEG"):
                raise OgiltigBild("Bilden ska vara en PNG- eller JPEG-fil.")
            if max(bild.size) > LOGOTYP_MAX_PIXLAR:
                raise OgiltigBild("Bilden är för stor: högst 3000 pixlar på en sida.")
            bild.load()
            bild = bild.convert("RGBA")
            bild.thumbnail((LOGOTYP_UT_PIXLAR, LOGOTYP_UT_PIXLAR))
            ut = io.BytesIO()
            bild.save(ut, format="PNG", optimize=True)
            return ut.getvalue()
    except OgiltigBild:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise OgiltigBild("Filen är ingen bild som går att läsa (PNG eller JPEG).") from exc
