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


@dataclass(frozen=True)
class Stapel:
    etikett: str  # group label, shown for the first bar of a group
    serie: str
    text: str  # the value as text, beside the bar
    y: int
    bredd: int
    farg: str
    visa_etikett: bool

    @property
    def text_y(self) -> int:
        return self.y + RAD_HOJD // 2 + 4

    @property
    def text_x(self) -> int:
        return ETIKETT_BREDD + 10 + self.bredd + 6


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

    @property
    def tomt(self) -> bool:
        return not self.staplar


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


def diagram_mal(mal: list[Maluppfyllelse], prefix: str = "") -> Diagram:
    """Each goal's outcome as a share of its target (100 = exactly met)."""
    grupper = []
    for m in mal:
        if m.utfall is None or m.utfall_text.startswith("<") or m.utfall_text == "–":
            tal = Tal(antal=0, grans=1)
        elif m.mal.malvarde:
            tal = Tal(antal=min(200, int(m.utfall * 100 / m.mal.malvarde)))
        else:
            tal = Tal(antal=100)
        text = (
            f"{m.utfall_text} (mål {m.malvarde_text}) – "
            f"{'uppfyllt' if m.uppfyllt else 'ej uppfyllt'}"
        )
        grupper.append((m.mal.beskrivning[:40], [("", tal, text)]))
    return _diagram(
        f"{prefix}mal", "Måluppfyllelse (utfall i förhållande till målet)", grupper, [""]
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
