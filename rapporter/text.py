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
        clean_content_tags={"script", "style"},
    )
    ren = ren.replace("<p></p>", "").replace("<p><br></p>", "").strip()
    return ren


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
