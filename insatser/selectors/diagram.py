"""Bar charts as data for ``insatser/_diagram.html`` (an inline SVG template): the
geometry is computed here so the template only places what it is given. Every value is
also printed as text, and <title>/<desc> say what the chart shows, so the chart is
readable without colours, by a screen reader and in WeasyPrint's PDF alike."""

from dataclasses import dataclass

from insatser.selectors.statistik import Deltagarstatistik, Maluppfyllelse, Rad_, Tal

ETIKETT_BREDD = 250
STAPEL_MAX = 280
RAD_HOJD = 22
GRUPP_LUFT = 8
MARGINAL = 8
SERIEFARGER = ["#1f4e79", "#8fb3d9"]
# The legend's colour keys are classes (finsam.css, rapporter.css), not inline styles: the
# CSP's style-src 'self' blocks style attributes. Same order as SERIEFARGER.
SERIEKLASSER = ["diagram-serie-0", "diagram-serie-1"]
TECKEN_BREDD = 7  # a generous average width of a character at font-size 12
ETIKETT_TECKEN = 34  # a label line's characters: ETIKETT_BREDD / TECKEN_BREDD, rounded down


@dataclass(frozen=True)
class Stapel:
    etikett: str  # group label, shown for the first bar of a group
    serie: str
    text: str  # the value as text, beside the bar
    y: int
    bredd: int
    farg: str
    visa_etikett: bool
    # A goal bar's frame: the width of the target itself, so the filled part is the
    # outcome's share of it (20 of a target of 100 fills a fifth). 0 outside goal charts.
    mal_bredd: int = 0

    @property
    def etikett_rader(self) -> list[tuple[str, int]]:
        """The label as at most two lines that fit the label column, each with its y:
        a long label wraps instead of running out of the chart (a second line that is
        still too long ends in "…"; the full label is in the chart's <desc>)."""
        ord_, rader = self.etikett.split(), [""]
        for o in ord_:
            if not rader[-1] or len(rader[-1]) + 1 + len(o) <= ETIKETT_TECKEN:
                rader[-1] = f"{rader[-1]} {o}".strip()
            elif len(rader) < 2:
                rader.append(o)
            else:
                rader[-1] += " " + o
        rader = [r if len(r) <= ETIKETT_TECKEN else r[: ETIKETT_TECKEN - 1] + "…" for r in rader]
        if len(rader) == 1:
            return [(rader[0], self.text_y)]
        return [(rader[0], self.text_y - 6), (rader[1], self.text_y + 8)]

    @property
    def text_y(self) -> int:
        return self.y + RAD_HOJD // 2 + 4

    @property
    def text_x(self) -> int:
        return ETIKETT_BREDD + 10 + max(self.bredd, self.mal_bredd) + 6


@dataclass(frozen=True)
class Diagram:
    id: str
    titel: str
    beskrivning: str
    staplar: list[Stapel]
    serier: list[tuple[str, str]]  # (name, CSS class of its colour) for the legend
    hojd: int
    bredd: int = ETIKETT_BREDD + 10 + STAPEL_MAX + 90
    stapel_x: int = ETIKETT_BREDD + 10
    etikett_x: int = ETIKETT_BREDD
    mal: bool = False  # a goal chart: every bar has a frame, the target
    stapel_max: int = STAPEL_MAX  # a full bar's length (the Word export scales by it)

    @property
    def tomt(self) -> bool:
        """Nothing to draw: no bar has a length (no data, all zero or suppressed). The
        tables beside the chart carry the same figures, so an empty frame is left out."""
        return not any(s.bredd for s in self.staplar)


def _bredd(tal: Tal, storst: int) -> int:
    if tal.dold or not storst:
        return 0
    return max(1, round(tal.antal * STAPEL_MAX / storst)) if tal.antal else 0


def _diagram(
    id: str, titel: str, grupper: list[tuple[str, list[tuple[str, Tal, str]]]], serier: list[str]
) -> Diagram:
    """grupper: [(label, [(series, value, text), ...])]"""
    storst = max((t.antal for _, varden in grupper for _, t, _ in varden if not t.dold), default=0)
    farger = dict(zip(serier, SERIEFARGER, strict=False))
    staplar = []
    y = MARGINAL
    delar = []
    for etikett, varden in grupper:
        for i, (serie, tal, text) in enumerate(varden):
            staplar.append(
                Stapel(
                    etikett=etikett,
                    serie=serie,
                    text=text,
                    y=y,
                    bredd=_bredd(tal, storst),
                    farg=farger.get(serie, SERIEFARGER[0]),
                    visa_etikett=i == 0,
                )
            )
            y += RAD_HOJD
        y += GRUPP_LUFT
        delar.append(f"{etikett}: " + ", ".join(t for _, _, t in varden))
    beskrivning = "; ".join(delar) + "." if delar else "Inga uppgifter."
    return Diagram(
        id=id,
        titel=titel,
        beskrivning=beskrivning,
        staplar=staplar,
        serier=(list(zip(serier, SERIEKLASSER, strict=False)) if len(serier) > 1 else []),
        hojd=y + MARGINAL,
        # Wide enough for the longest value text beside its bar (goal texts are long).
        bredd=max(
            [Diagram.bredd] + [s.text_x + len(s.text) * TECKEN_BREDD + MARGINAL for s in staplar]
        ),
    )


def _enkel(id: str, titel: str, rader: list[Rad_]) -> Diagram:
    return _diagram(id, titel, [(r.etikett, [("", r.tal, str(r.tal))]) for r in rader], [""])


def diagram_aldersgrupper(stat: Deltagarstatistik, prefix: str = "") -> Diagram:
    return _enkel(f"{prefix}alder", "Deltagare per åldersgrupp", stat.per_aldersgrupp)


def diagram_avslutsorsaker(stat: Deltagarstatistik, prefix: str = "") -> Diagram:
    return _enkel(f"{prefix}avslut", "Avslutade per avslutsorsak", stat.per_avslutsorsak)


# Short names for the chart's label column (the tables carry the full SCB group names).
KORT_FORSORJNING = {
    "Ohälsa (sjukpenning, sjuk- och aktivitetsersättning)": "Ohälsa",
    "Arbetsmarknadsstöd (a-kassa, aktivitetsstöd m.m.)": "Arbetsmarknadsstöd",
}


def diagram_forsorjning(stat: Deltagarstatistik, prefix: str = "") -> Diagram:
    grupper = [
        (
            KORT_FORSORJNING.get(r.etikett, r.etikett),
            [
                ("Vid start", r.vid_start, f"vid start {r.vid_start}"),
                ("Vid avslut", r.vid_slut, f"vid avslut {r.vid_slut}"),
            ],
        )
        for r in stat.forsorjning
    ]
    return _diagram(
        f"{prefix}forsorjning",
        "Försörjning vid start och vid avslut (avslutade deltagare)",
        grupper,
        ["Vid start", "Vid avslut"],
    )


MAL_TAK = 200  # an outcome past twice its target is drawn as twice (the text says more)


def diagram_mal(mal: list[Maluppfyllelse], prefix: str = "") -> Diagram:
    """Each goal's outcome drawn against its target: the frame is the target, the filled
    part the outcome (20 of a target of 100 fills a fifth of the frame). The scale is the
    same for every goal of the chart: 100 % of a target is the full bar unless an outcome
    exceeds its target, then the largest outcome is (at most ``MAL_TAK`` %). A suppressed
    or missing outcome draws the empty frame."""
    andelar = []
    for m in mal:
        if m.utfall is None or m.utfall_text.startswith("<") or m.utfall_text == "–":
            andelar.append(None)
        elif m.mal.malvarde:
            andelar.append(min(MAL_TAK, m.utfall * 100 / m.mal.malvarde))
        else:
            andelar.append(100)
    skala = max([100] + [a for a in andelar if a is not None])
    mal_bredd = round(100 * STAPEL_MAX / skala)
    staplar = []
    delar = []
    y = MARGINAL
    for m, andel in zip(mal, andelar, strict=True):
        text = f"{m.utfall_text} (mål {m.malvarde_text}) – {m.bedomning.lower()}"
        bredd = 0 if not andel else max(1, round(andel * STAPEL_MAX / skala))
        staplar.append(
            Stapel(
                etikett=m.mal.beskrivning,
                serie="",
                text=text,
                y=y,
                bredd=bredd,
                farg=SERIEFARGER[0],
                visa_etikett=True,
                mal_bredd=mal_bredd,
            )
        )
        delar.append(f"{m.mal.beskrivning}: {text}")
        y += RAD_HOJD + GRUPP_LUFT
    return Diagram(
        id=f"{prefix}mal",
        titel="Måluppfyllelse (utfall i förhållande till målet, ramen är målet)",
        beskrivning="; ".join(delar) + "." if delar else "Inga uppgifter.",
        staplar=staplar,
        serier=[],
        hojd=y + MARGINAL,
        bredd=max(
            [Diagram.bredd] + [s.text_x + len(s.text) * TECKEN_BREDD + MARGINAL for s in staplar]
        ),
        mal=True,
    )


def diagram_for(stat: Deltagarstatistik, prefix: str = "") -> list[Diagram]:
    diagram = [
        diagram_aldersgrupper(stat, prefix),
        diagram_forsorjning(stat, prefix),
        diagram_avslutsorsaker(stat, prefix),
    ]
    if stat.mal:
        diagram.append(diagram_mal(stat.mal, prefix))
    return [d for d in diagram if not d.tomt]
