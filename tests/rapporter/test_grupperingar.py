"""The kassaflödesanalys and driftredovisning groupings are editable report definitions
(issue 13.5): defaults for every förbund (on creation, by migration, on demand), the
builders read them, and an edit that leaves an account out or takes it twice is refused
with a Swedish message and changes nothing."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from forbund import services as forbund_services
from forbund.models import Forbund
from rapporter.builders.arsredovisning import bygg_arsredovisning
from rapporter.definitioner import definition_skapa, hamta_definition
from rapporter.models import Rapportdefinition, Rapportrad
from tests.rapporter.test_motor import _ledger

pytestmark = pytest.mark.django_db
KF = Rapportdefinition.Typ.KASSAFLODE
DR = Rapportdefinition.Typ.DRIFT


def _data(rader: list[Rapportrad], **andrat) -> dict:
    """The edit form's POST data for the rows; ``andrat``: {(kod, falt): värde}."""
    data = {
        "rader-TOTAL_FORMS": len(rader),
        "rader-INITIAL_FORMS": len(rader),
        "rader-MIN_NUM_FORMS": 0,
        "rader-MAX_NUM_FORMS": 1000,
    }
    for i, r in enumerate(rader):
        for falt in ("ordning", "kod", "rubrik", "typ", "konton", "kontotyp", "formel"):
            data[f"rader-{i}-{falt}"] = getattr(r, falt)
        data[f"rader-{i}-id"] = r.pk
        data[f"rader-{i}-tecken"] = r.tecken
        data[f"rader-{i}-not_typ"] = r.not_typ
        data[f"rader-{i}-not_dimension"] = ""
        for (kod, falt), varde in andrat.get("andrat", {}).items():
            if kod == r.kod:
                data[f"rader-{i}-{falt}"] = varde
        if r.kod in andrat.get("bort", ()):
            data[f"rader-{i}-DELETE"] = "on"
    return data


def _url(forbund, definition):
    return reverse(
        "rapporter:definition-redigera", kwargs={"orgnr": forbund.orgnr, "pk": definition.pk}
    )


def _rader(definition) -> list[tuple]:
    return list(definition.rader.values_list("kod", "konton", "formel", "tecken", "not_typ"))


def test_a_new_forbund_gets_every_default_definition(kansli):
    nytt = forbund_services.forbund_create(user=kansli, namn="Nya förbundet", orgnr="222000-1040")
    typer = set(Rapportdefinition.objects.filter(forbund=nytt).values_list("typ", flat=True))
    assert typer == {"rr", "br", "kf", "dr"}
    kf = Rapportdefinition.objects.get(forbund=nytt, typ=KF)
    assert [r.kod for r in kf.rader.all()] == [
        "RL", "AR", "AVS", "AVSA", "FO", "KP", "KS", "OV", "LV", "INV", "FIN", "KF", "LMB", "LMS"
    ]  # fmt: skip


def test_the_data_migration_gives_existing_forbund_the_definitions_they_lack(forbund):
    rr = definition_skapa(forbund=forbund, typ=Rapportdefinition.Typ.RESULTATRAKNING)
    rr.rader.filter(kod="VI").update(rubrik="Egen rubrik")
    tomt = Forbund.objects.create(namn="Utan definitioner", orgnr="222000-1016")
    migration = importlib.import_module(
        "rapporter.migrations.0010_standarddefinitioner_for_alla_forbund"
    )
    migration.skapa(apps, None)
    for f in (forbund, tomt):
        typer = Rapportdefinition.objects.filter(forbund=f).values_list("typ", flat=True)
        assert sorted(typer) == ["br", "dr", "kf", "rr"]
    assert rr.rader.get(kod="VI").rubrik == "Egen rubrik"  # an existing one is left alone
    assert Rapportdefinition.objects.filter(forbund=forbund, typ="rr").count() == 1
    # The frozen copy is the default of today's code.
    dr, _ = hamta_definition(forbund=forbund, typ=DR)
    assert [r[0] for r in _rader(dr)] == ["rI", "I", "sI", "rK", "K", "sK", "rX", "X", "sX", "AR"]


def test_the_kassaflodesanalys_follows_an_edited_definition(forbund):
    _ledger(forbund)
    kf, _ = hamta_definition(forbund=forbund, typ=KF)
    kf.rader.filter(kod="FO").update(konton="14, 16-17")
    Rapportrad.objects.create(
        definition=kf,
        ordning=55,
        kod="KFO",
        rubrik="Ökning (−) / minskning (+) av kundfordringar",
        typ="konton",
        konton="15",
        tecken=-1,
    )
    kf.rader.filter(kod="LV").update(formel="AR+AVS+AVSA+FO+KFO+KP+KS+OV")
    rapport = bygg_arsredovisning(forbund=forbund, ar=2024)
    tabell = rapport.kassaflodesanalys
    rader = {r.kod: r.belopp[0] for r in tabell.rader if r.belopp}
    assert rader["KFO"] == -1_234_500  # 1510 rose by 12 345 kr
    assert "FO" not in rader  # nothing left on 14, 16-17: the line is not printed
    assert [r.kod for r in tabell.rader][:6] == ["RL", "AR", "AVS", "AVSA", "KFO", "KS"]
    assert rapport.avstamning[0].stammer
    assert rader["KF"] == rader["LMS"] - rader["LMB"]


def test_the_driftredovisning_follows_an_edited_definition(forbund):
    _ledger(forbund)
    dr, _ = hamta_definition(forbund=forbund, typ=DR)
    dr.rader.filter(kod="K").update(konton="0-4, 51-99")
    Rapportrad.objects.create(
        definition=dr, ordning=45, kod="PE", rubrik="Personal", typ="konton", konton="50"
    )
    dr.rader.filter(kod="sK").update(formel="PE+K")
    rapport = bygg_arsredovisning(forbund=forbund, ar=2024)
    drift = rapport.driftredovisning
    rader = {r.kod: r.belopp for r in drift.rader if r.typ != "rubrik"}
    assert rader["PE"] == [-9_600_000]  # 5010: 12 × 8 000 kr, one line
    assert "k5010" not in rader
    assert rader["k7810"] == [-4_000_000]
    assert rader["sK"] == [-9_600_000 - 500_000 - 4_000_000 - 9_900]
    assert rader["AR"] == [rapport.resultatrakning.rad("AR").belopp[0]]


def test_editing_the_kassaflodesanalys_in_the_browser_saves_it(forbund, forbundschef, client_as):
    _ledger(forbund)
    kf, rader = hamta_definition(forbund=forbund, typ=KF)
    data = _data(
        rader, andrat={("AVS", "rubrik"): "Justering för ej likviditetspåverkande poster"}
    )
    svar = client_as(forbundschef).post(_url(forbund, kf), data)
    assert svar.status_code == 302
    assert kf.rader.get(kod="AVS").rubrik == "Justering för ej likviditetspåverkande poster"
    tabell = bygg_arsredovisning(forbund=forbund, ar=2024).kassaflodesanalys
    assert tabell.rad("AVS").rubrik == "Justering för ej likviditetspåverkande poster"


@pytest.mark.parametrize(
    "andring, meddelande",
    [
        # The catch-all line removed and 17 left out of the fordringar line.
        (
            {
                "andrat": {("FO", "konton"): "14-16", ("LV", "formel"): "AR+AVS+AVSA+FO+KP+KS"},
                "bort": ("OV",),
            },
            "Konto 1790 Förutbetalda kostnader hamnar inte på någon rad.",
        ),
        (
            {"andrat": {("KP", "konton"): "17-18"}},
            "Konto 1790 Förutbetalda kostnader hamnar på flera rader (FO, KP).",
        ),
        (
            {"andrat": {("INV", "konton"): "10-13"}},
            "Konto 7810 Konto 7810 läggs till och dras av olika många gånger (rad AVS)",
        ),
    ],
)
def test_a_kassaflode_that_leaves_out_or_doubles_an_account_changes_nothing(
    forbund, forbundschef, client_as, andring, meddelande
):
    # The chart: the books' accounts plus 1790, which has no amounts but still counts.
    _ledger(forbund).konto("1790", "Förutbetalda kostnader")
    kf, rader = hamta_definition(forbund=forbund, typ=KF)
    fore = _rader(kf)
    svar = client_as(forbundschef).post(_url(forbund, kf), _data(rader, **andring))
    assert svar.status_code == 200
    text = svar.content.decode()
    assert "Definitionen sparades inte." in text
    assert meddelande in text
    assert _rader(kf) == fore


def test_a_driftredovisning_that_takes_an_account_twice_changes_nothing(
    forbund, forbundschef, client_as
):
    _ledger(forbund)
    dr, rader = hamta_definition(forbund=forbund, typ=DR)
    fore = _rader(dr)
    data = _data(rader, andrat={("I", "kontotyp"): ""})  # income line takes the K accounts too
    svar = client_as(forbundschef).post(_url(forbund, dr), data)
    assert svar.status_code == 200
    assert "Konto 4590 Konto 4590 hamnar på flera rader (I, K)." in svar.content.decode()
    assert _rader(dr) == fore


def test_a_reader_cannot_edit_the_kassaflodesanalys(forbund, revisor, client_as):
    kf, rader = hamta_definition(forbund=forbund, typ=KF)
    fore = _rader(kf)
    svar = client_as(revisor).post(_url(forbund, kf), _data(rader))
    assert svar.status_code == 403
    assert _rader(kf) == fore


def test_an_account_the_kassaflode_leaves_out_stops_the_annual_report(forbund):
    """An account imported after the definition was edited lands nowhere: the report's
    check lists it (fastställ refuses a report whose check fails) and the kassaflöde
    does not reconcile."""
    _ledger(forbund)
    kf, _ = hamta_definition(forbund=forbund, typ=KF)
    kf.rader.filter(kod="OV").delete()
    kf.rader.filter(kod="KS").update(konton="25-29")
    rapport = bygg_arsredovisning(forbund=forbund, ar=2024)
    assert rapport.kontroll.grupperingar == ("Konto 2440 Konto 2440 hamnar inte på någon rad.",)
    assert not rapport.kontroll.ok
    assert not rapport.avstamning[0].stammer
    assert rapport.som_dict()["kontroll"]["kassaflode_och_drift"] == [
        "Konto 2440 Konto 2440 hamnar inte på någon rad."
    ]


def test_likvida_medel_lines_belong_to_the_kassaflodesanalys_only(
    forbund, forbundschef, client_as
):
    rr, rader = hamta_definition(forbund=forbund, typ=Rapportdefinition.Typ.RESULTATRAKNING)
    fore = _rader(rr)
    data = _data(rader, andrat={("EX", "typ"): "likvida_ub"})
    svar = client_as(forbundschef).post(_url(forbund, rr), data)
    assert svar.status_code == 200
    assert "Rader för likvida medel finns bara i kassaflödesanalysen." in svar.content.decode()
    assert _rader(rr) == fore


def test_a_forbund_created_by_its_sie_file_gets_the_definitions_and_a_reconciled_kassaflode():
    from tests.rapporter.nyasen import importera_nyasen

    nyasen = importera_nyasen()
    typer = Rapportdefinition.objects.filter(forbund=nyasen).values_list("typ", flat=True)
    assert sorted(typer) == ["br", "dr", "kf", "rr"]
    rapport = bygg_arsredovisning(forbund=nyasen, ar=2019)
    kf = {r.kod: str(r.visat[0]) for r in rapport.kassaflodesanalys.rader if r.typ != "rubrik"}
    assert kf == {
        "AR": "-430.8",
        "FO": "-24.2",
        "KS": "580.0",
        "LV": "125.0",
        "FIN": "2800.0",  # the predecessors' capital, booked straight to eget kapital
        "KF": "2925.0",
        "LMB": "0.0",
        "LMS": "2925.0",
    }
    assert [(a.kassaflode, a.forandring_likvida) for a in rapport.avstamning] == [
        (292_500_000, 292_500_000)
    ]
    assert rapport.driftredovisning.rad("AR").belopp == [-43_076_600]
    assert rapport.kontroll.ok
