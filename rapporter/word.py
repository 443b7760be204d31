"""Word export (.docx) of a report: the same document as the PDF, built with python-docx
from the print HTML (``render_pdf_html``), so headings, numbering, texts and tables are
the same in every format. Headings become Word headings (h1 title, h2 Rubrik 1, h3
Rubrik 2, h4 Rubrik 3), tables real tables with a caption, lists Word lists, and the
footer carries the page number (a PAGE field). Charts (SVG) are left out: their figures
are in the tables next to them."""

import io
from html.parser import HTMLParser

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

_TOMMA = {"br", "img", "hr", "meta", "link", "input", "col", "wbr"}
_HOPPA = {"script", "style", "svg", "form", "head", "title", "button", "figure"}
_RUBRIK = {"h1": 0, "h2": 1, "h3": 2, "h4": 3, "h5": 4, "h6": 4}
_BLOCK = {"p", "li", "dt", "dd", "caption", "blockquote", *_RUBRIK}


class _Nod:
    __slots__ = ("tag", "attrs", "barn", "text")

    def __init__(self, tag: str, attrs: dict | None = None, text: str = ""):
        self.tag, self.attrs, self.barn, self.text = tag, attrs or {}, [], text

    @property
    def klasser(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())


class _Trad(HTMLParser):
    """A forgiving HTML → tree parser (the print HTML is our own, well-formed)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rot = _Nod("rot")
        self.stack = [self.rot]

    def handle_starttag(self, tag, attrs):
        nod = _Nod(tag, dict(attrs))
        self.stack[-1].barn.append(nod)
        if tag not in _TOMMA:
            self.stack.append(nod)

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        self.stack[-1].barn.append(_Nod("#text", text=data))


def _text(nod: _Nod) -> str:
    if nod.tag == "#text":
        return nod.text
    if nod.tag == "br":
        return "\n"
    if nod.tag in _HOPPA:
        return ""
    return "".join(_text(b) for b in nod.barn)


def _ren(s: str) -> str:
    return " ".join(s.split())


def _runs(paragraf, nod: _Nod, fet=False, kursiv=False) -> None:
    for b in nod.barn:
        if b.tag == "#text":
            if b.text.strip() or b.text == " ":
                text = " ".join(b.text.split())
                if b.text[:1].isspace():
                    text = " " + text
                if b.text[-1:].isspace() and text.strip():
                    text += " "
                run = paragraf.add_run(text)
                run.bold, run.italic = fet or None, kursiv or None
        elif b.tag == "br":
            paragraf.add_run().add_break()
        elif b.tag in _HOPPA:
            continue
        else:
            _runs(
                paragraf,
                b,
                fet=fet or b.tag in ("strong", "b", "th", "dt"),
                kursiv=kursiv or b.tag in ("em", "i"),
            )


class _Bygge:
    def __init__(self):
        self.doc = Document()
        self.doc.styles["Normal"].font.name = "Calibri"
        self.doc.styles["Normal"].font.size = Pt(10.5)

    def block(self, nod: _Nod, lista: str = "") -> None:
        if nod.tag == "#text":
            if nod.text.strip():
                self.doc.add_paragraph(_ren(nod.text))
            return
        if nod.tag in _HOPPA or "skarm" in nod.klasser:
            return
        if nod.tag in _RUBRIK:
            self.doc.add_heading(_ren(_text(nod)), level=_RUBRIK[nod.tag])
        elif nod.tag == "p" or nod.tag == "blockquote":
            p = self.doc.add_paragraph()
            _runs(p, nod)
        elif nod.tag in ("ul", "ol"):
            stil = "List Number" if nod.tag == "ol" else "List Bullet"
            for li in nod.barn:
                if li.tag == "li":
                    self.li(li, stil)
        elif nod.tag == "dl":
            self.dl(nod)
        elif nod.tag == "table":
            self.tabell(nod)
        elif nod.tag == "li":
            self.li(nod, "List Bullet")
        else:
            for b in nod.barn:
                self.block(b)

    def li(self, li: _Nod, stil: str) -> None:
        inline = _Nod("li", text="")
        inline.barn = [b for b in li.barn if b.tag not in ("ul", "ol", "table")]
        p = self.doc.add_paragraph(style=stil)
        _runs(p, inline)
        for b in li.barn:
            if b.tag in ("ul", "ol", "table"):
                self.block(b)

    def dl(self, dl: _Nod) -> None:
        p = None
        for b in dl.barn:
            if b.tag == "dt":
                p = self.doc.add_paragraph()
                _runs(p, b, fet=True)
                p.add_run(": ")
            elif b.tag == "dd":
                if p is None:
                    p = self.doc.add_paragraph()
                _runs(p, b)

    def tabell(self, t: _Nod) -> None:
        rader: list[tuple[bool, list[_Nod]]] = []
        caption = None

        def samla(n: _Nod, huvud: bool):
            for b in n.barn:
                if b.tag == "caption":
                    nonlocal caption
                    caption = b
                elif b.tag in ("thead", "tbody", "tfoot"):
                    samla(b, b.tag == "thead")
                elif b.tag == "tr":
                    rader.append((huvud, [c for c in b.barn if c.tag in ("th", "td")]))

        samla(t, False)
        rader = [r for r in rader if r[1]]
        if caption is not None:
            p = self.doc.add_paragraph(_ren(_text(caption)), style="Caption")
            p.paragraph_format.keep_with_next = True
        if not rader:
            return
        bredd = max(sum(int(c.attrs.get("colspan") or 1) for c in celler) for _, celler in rader)
        tabell = self.doc.add_table(rows=len(rader), cols=bredd)
        tabell.style = "Table Grid"
        for i, (huvud, celler) in enumerate(rader):
            rad = tabell.rows[i]
            if huvud:
                _upprepa_rubrikrad(rad)
            j = 0
            for c in celler:
                span = max(1, min(int(c.attrs.get("colspan") or 1), bredd - j))
                cell = rad.cells[j]
                if span > 1:
                    cell = cell.merge(rad.cells[j + span - 1])
                p = cell.paragraphs[0]
                _runs(p, c, fet=huvud or c.tag == "th" and i == 0)
                if "num" in c.klasser:
                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                j += span
        self.doc.add_paragraph()


def _upprepa_rubrikrad(rad) -> None:
    tr_pr = rad._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _sidnummer(doc, rubrik: str) -> None:
    """Header with the förbund and report; footer "Sida N av M" (PAGE/NUMPAGES fields)."""
    sektion = doc.sections[0]
    sektion.header.paragraphs[0].text = rubrik
    p = sektion.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run("Sida ")
    for i, falt in enumerate(("PAGE", "NUMPAGES")):
        if i:
            p.add_run(" av ")
        fld = OxmlElement("w:fldSimple")
        fld.set(qn("w:instr"), falt)
        r = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = "1"
        r.append(t)
        fld.append(r)
        p._p.append(fld)


def html_till_docx(html: str, *, rubrik: str = "", titel: str = "", forfattare: str = "") -> bytes:
    """The .docx bytes of report HTML (``render_pdf_html`` output)."""
    trad = _Trad()
    trad.feed(html)
    bygge = _Bygge()
    kropp = next((n for n in _alla(trad.rot) if n.tag == "main"), trad.rot)
    for b in kropp.barn:
        bygge.block(b)
    _sidnummer(bygge.doc, rubrik)
    egenskaper = bygge.doc.core_properties
    egenskaper.title, egenskaper.author, egenskaper.language = titel, forfattare, "sv-SE"
    ut = io.BytesIO()
    bygge.doc.save(ut)
    return ut.getvalue()


def _alla(nod: _Nod):
    yield nod
    for b in nod.barn:
        if b.tag != "#text":
            yield from _alla(b)


def render_docx(dokument) -> bytes:
    """A report (Arsredovisning, Delarsrapport or Verksamhetsplan) as .docx bytes."""
    from rapporter.rendering import render_pdf_html

    rubrik = f"{dokument.forbund.namn} – {dokument.titel} {dokument.ar}"
    return html_till_docx(
        render_pdf_html(dokument),
        rubrik=rubrik,
        titel=f"{dokument.titel} {dokument.ar}",
        forfattare=dokument.forbund.namn,
    )
