"""Word export (.docx) of a report: the same document as the PDF, built with python-docx
from the print HTML (``render_pdf_html``), so headings, numbering, texts and tables are
the same in every format. Headings become Word headings (h1 title, h2 Rubrik 1, h3
Rubrik 2, h4 Rubrik 3), tables real tables with a caption, lists Word lists, and the
footer carries the page number (a PAGE field). A bar chart (the inline SVG of
``insatser/_diagram.html``) becomes a Word table: label, a bar of shaded cells scaled as
in the SVG (a goal's frame, the target, lightly shaded), and the value as text."""

import io
import re
from html.parser import HTMLParser

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

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
        if nod.tag == "figure" and "diagram" in nod.klasser:
            self.diagram(nod)
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

    def diagram(self, figur: _Nod) -> None:
        """A chart as a table of shaded cells (no image library, editable in Word)."""
        svg = next((b for b in figur.barn if b.tag == "svg"), None)
        caption = next((b for b in figur.barn if b.tag == "figcaption"), None)
        staplar = _staplar(svg) if svg is not None else []
        if not staplar:
            return
        if caption is not None:
            p = self.doc.add_paragraph(_ren(_text(caption)), style="Caption")
            p.paragraph_format.keep_with_next = True
        skala = float(svg.attrs.get("data-stapel-max") or 0) or max(
            max(bredd, ram) for _, bredd, ram, _, _ in staplar
        )
        tabell = self.doc.add_table(rows=len(staplar), cols=STAPELCELLER + 2)
        _beskrivning(tabell, _ren(_text(next((b for b in svg.barn if b.tag == "desc"), svg))))
        for rad, (etikett, bredd, ram, farg, varde) in zip(tabell.rows, staplar, strict=True):
            rad.cells[0].width = Cm(4.5)
            rad.cells[0].paragraphs[0].add_run(etikett)
            rad.cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            fyllda = round(bredd / skala * STAPELCELLER)
            if bredd and not fyllda:
                fyllda = 1  # a small value still shows, as in the SVG (at least 1 px)
            inom_ram = round(ram / skala * STAPELCELLER)
            for i in range(STAPELCELLER):
                cell = rad.cells[1 + i]
                cell.width = Cm(0.35)
                if i < fyllda:
                    _skugga(cell, farg)
                elif i < inom_ram:
                    _skugga(cell, RAMFARG)
            rad.cells[-1].width = Cm(4.5)
            rad.cells[-1].paragraphs[0].add_run(varde)
            rad.cells[-1].paragraphs[0].paragraph_format.keep_with_next = True
        self.doc.add_paragraph()


STAPELCELLER = 20  # a full bar (STAPEL_MAX in the SVG) is 20 cells of 0.35 cm
RAMFARG = "E4E9EF"  # a goal's frame beyond the outcome: the target not yet reached


def _staplar(svg: _Nod) -> list[tuple[str, float, float, str, str]]:
    """The bars of a chart's SVG in order: (label, bar width, frame width, fill colour
    RRGGBB, value text). Label lines (wrapped) are joined; a grouped chart's second bar
    has no label of its own."""
    ut = []
    etikett, bredd, ram, farg = [], 0.0, 0.0, "1F4E79"
    for b in svg.barn:
        klass = b.attrs.get("class", "")
        if b.tag == "text" and klass == "etikett":
            etikett.append(_ren(_text(b)))
        elif b.tag == "rect" and klass == "mal-ram":
            ram = float(b.attrs.get("width") or 0)
        elif b.tag == "rect" and klass == "stapel":
            bredd = float(b.attrs.get("width") or 0)
            farg = (b.attrs.get("fill") or "#1f4e79").lstrip("#").upper()
        elif b.tag == "text" and klass == "varde":
            ut.append((" ".join(etikett), bredd, ram, farg, _ren(_text(b))))
            etikett, bredd, ram = [], 0.0, 0.0
    return ut


def _skugga(cell, farg: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), farg)
    cell._tc.get_or_add_tcPr().append(shd)


def _beskrivning(tabell, text: str) -> None:
    """The chart's description as the table's alternative text (w:tblDescription)."""
    el = OxmlElement("w:tblDescription")
    el.set(qn("w:val"), text[:1000])
    tabell._tbl.tblPr.append(el)


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


_XML_OGILTIGT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def html_till_docx(html: str, *, rubrik: str = "", titel: str = "", forfattare: str = "") -> bytes:
    """The .docx bytes of report HTML (``render_pdf_html`` output). Control characters
    XML cannot hold (a name posted with U+000B, Word's soft line break) become spaces:
    python-docx refuses them, which failed the whole export."""
    html, rubrik, titel, forfattare = (
        _XML_OGILTIGT.sub(" ", t) for t in (html, rubrik, titel, forfattare)
    )
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
