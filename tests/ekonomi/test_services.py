"""Ledger services: creating, posting, numbering, reversing, periods and the chart."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ekonomi import services
from ekonomi.models import Konto, Period, Rad, Underlag, Verifikation
from forbund.models import Logghandelse

D = datetime.date


def test_year_has_twelve_monthly_periods(ar):
    perioder = list(ar.perioder.values_list("start", "slut"))
    assert len(perioder) == 12
    assert perioder[0] == (D(2024, 1, 1), D(2024, 1, 31))
    assert perioder[1] == (D(2024, 2, 1), D(2024, 2, 29))
    assert perioder[-1] == (D(2024, 12, 1), D(2024, 12, 31))


def test_first_year_may_be_shorter(forbund, kontoplan, forbundschef):
    ar = services.rakenskapsar_skapa(
        forbund=forbund, start=D(2009, 7, 15), slut=D(2009, 12, 31), user=forbundschef
    )
    assert [p.start for p in ar.perioder.all()][:2] == [D(2009, 7, 15), D(2009, 8, 1)]
    assert ar.perioder.count() == 6


def test_a_later_year_must_start_on_january_first(ar, forbund, forbundschef):
    with pytest.raises(ValidationError, match="första"):
        services.rakenskapsar_skapa(
            forbund=forbund, start=D(2025, 3, 1), slut=D(2025, 12, 31), user=forbundschef
        )


def test_overlapping_year_is_refused(ar, forbund, forbundschef):
    with pytest.raises(ValidationError, match="redan"):
        services.rakenskapsar_skapa(
            forbund=forbund, start=D(2024, 1, 1), slut=D(2024, 12, 31), user=forbundschef
        )


def test_standard_chart_is_idempotent_and_has_the_result_account(forbund):
    services.kontoplan_skapa_standard(forbund=forbund)
    antal = forbund.konton.count()
    services.kontoplan_skapa_standard(forbund=forbund)
    assert forbund.konton.count() == antal == 44
    assert services.eget_kapital_konto(forbund=forbund).nummer == "2010"
    assert forbund.dimensioner.filter(nummer__in=[1, 6]).count() == 2
    assert forbund.konton.get(nummer="5010").typ == Konto.Typ.KOSTNAD
    assert forbund.medlemmar.get(typ="fk").intaktskonton == "3511"


def test_posted_voucher_gets_number_one_and_an_audit_row(ar, kontoplan, bokfor):
    ver = bokfor(D(2024, 3, 1), [("1930", 150050), ("3511", -150050)])
    assert (ver.status, ver.nummer, ver.serie.kod) == ("B", 1, "A")
    assert ver.bokford_av.username == "kansli"
    assert Logghandelse.objects.filter(
        objekttyp="ekonomi.Verifikation", objekt_id=str(ver.pk), handelse="bokford"
    ).exists()


def test_numbers_are_consecutive_per_series_and_year(ar, kontoplan, bokfor):
    nummer = [bokfor(D(2024, 3, 1), [("1930", 100), ("3511", -100)]).nummer for _ in range(3)]
    annan = bokfor(D(2024, 3, 1), [("1930", 100), ("3511", -100)], serie="L").nummer
    assert nummer == [1, 2, 3]
    assert annan == 1


def test_unbalanced_voucher_shows_the_difference_and_saves_nothing(ar, kontoplan, bokfor):
    with pytest.raises(ValidationError) as exc:
        bokfor(D(2024, 3, 1), [("1930", 123456), ("3511", -100000)])
    assert "234,56 kr" in exc.value.message_dict["rader"][0]
    assert Verifikation.objects.count() == 0
    assert Rad.objects.count() == 0


def test_voucher_needs_two_rows(ar, kontoplan, bokfor):
    with pytest.raises(ValidationError, match="minst två"):
        bokfor(D(2024, 3, 1), [("1930", 100)])


def test_date_outside_every_year_is_refused(ar, kontoplan, bokfor):
    with pytest.raises(ValidationError) as exc:
        bokfor(D(2023, 12, 31), [("1930", 100), ("3511", -100)])
    assert "räkenskapsår" in exc.value.message_dict["datum"][0]


def test_inactive_and_unknown_accounts_are_refused(ar, kontoplan, bokfor):
    Konto.objects.filter(pk=kontoplan["3512"].pk).update(aktiv=False)
    with pytest.raises(ValidationError) as exc:
        bokfor(D(2024, 3, 1), [("9999", 100), ("3512", -100)])
    assert "finns inte" in exc.value.message_dict["rad_0_konto"][0]
    assert "inaktivt" in exc.value.message_dict["rad_1_konto"][0]


def test_object_of_another_forbund_is_refused(ar, kontoplan, bokfor, annat_forbund):
    services.kontoplan_skapa_standard(forbund=annat_forbund)
    dim = annat_forbund.dimensioner.get(nummer=6)
    fel = dim.objekt.create(kod="X", namn="Annans")
    with pytest.raises(ValidationError) as exc:
        bokfor(D(2024, 3, 1), [("1930", 100, [fel]), ("3511", -100)])
    assert "rad_0_objekt" in exc.value.message_dict
    assert Verifikation.objects.count() == 0


def test_locked_period_refuses_vouchers(ar, kontoplan, bokfor, forbundschef):
    period = ar.perioder.get(start=D(2024, 3, 1))
    services.period_las(period=period, user=forbundschef, orsak="Delårsrapport")
    with pytest.raises(ValidationError, match="låst"):
        bokfor(D(2024, 3, 15), [("1930", 100), ("3511", -100)])
    assert bokfor(D(2024, 4, 1), [("1930", 100), ("3511", -100)]).nummer == 1


def test_only_the_forbundschef_locks_periods_and_a_reason_is_required(ar, kansli, forbundschef):
    period = ar.perioder.first()
    with pytest.raises(ValidationError):
        services.period_las(period=period, user=kansli, orsak="Försök")
    with pytest.raises(ValidationError, match="varför"):
        services.period_las(period=period, user=forbundschef, orsak=" ")
    services.period_las(period=period, user=forbundschef, orsak="Månadsbokslut")
    services.period_las_upp(period=period, user=forbundschef, orsak="Rättning")
    logg = Logghandelse.objects.filter(objekttyp="ekonomi.Period", objekt_id=str(period.pk))
    assert sorted(logg.values_list("handelse", flat=True)) == ["last", "upplast"]
    assert logg.get(handelse="upplast").andringar["orsak"] == "Rättning"
    assert not Period.objects.get(pk=period.pk).last


def test_draft_is_posted_later_with_the_next_number(ar, kontoplan, bokfor, kansli):
    utkast = bokfor(D(2024, 5, 1), [("1930", 100), ("3511", -100)], bokfor=False)
    assert (utkast.status, utkast.nummer) == ("P", None)
    bokfor(D(2024, 5, 2), [("1930", 100), ("3511", -100)])
    ver = services.verifikation_bokfor(verifikation=utkast, user=kansli)
    assert (ver.status, ver.nummer) == ("B", 2)


def test_reversal_negates_rows_and_links_both_ways(ar, kontoplan, bokfor, kansli, projekt):
    original = bokfor(D(2024, 3, 1), [("4610", 50000, [projekt]), ("1930", -50000)])
    rattelse = services.verifikation_reverse(
        verifikation=original, user=kansli, datum=D(2024, 3, 5)
    )
    assert rattelse.rattar == original
    assert list(original.rattelser.all()) == [rattelse]
    assert sorted(rattelse.rader.values_list("konto__nummer", "belopp")) == [
        ("1930", 50000),
        ("4610", -50000),
    ]
    assert list(rattelse.rader.get(konto__nummer="4610").objekt.all()) == [projekt]
    assert rattelse.bokford_av == kansli
    assert Logghandelse.objects.filter(objekt_id=str(original.pk), handelse="rattad").exists()


def test_a_voucher_cannot_be_reversed_twice(ar, kontoplan, bokfor, kansli):
    original = bokfor(D(2024, 3, 1), [("1930", 100), ("3511", -100)])
    services.verifikation_reverse(verifikation=original, user=kansli, datum=D(2024, 3, 2))
    with pytest.raises(ValidationError, match="redan rättad"):
        services.verifikation_reverse(verifikation=original, user=kansli, datum=D(2024, 3, 3))


def test_account_with_rows_cannot_be_deleted(ar, kontoplan, bokfor, kansli):
    bokfor(D(2024, 3, 1), [("1930", 100), ("3511", -100)])
    with pytest.raises(ValidationError, match="inaktivera"):
        services.konto_ta_bort(konto=kontoplan["1930"], user=kansli)
    services.konto_ta_bort(konto=kontoplan["7310"], user=kansli)
    assert not Konto.objects.filter(pk=kontoplan["7310"].pk).exists()


@pytest.mark.parametrize(
    ("innehall", "typ"),
    [(b"%PDF-1.4 test", "application/pdf"), (b"\x89PNG\r\n\x1a\nxxxx", "image/png")],
)
def test_underlag_type_is_sniffed_from_content(
    ar, kontoplan, bokfor, kansli, settings, tmp_path, innehall, typ
):
    settings.MEDIA_ROOT = tmp_path
    ver = bokfor(D(2024, 3, 1), [("1930", 100), ("3511", -100)])
    u = services.underlag_lagg_till(
        verifikation=ver, fil=SimpleUploadedFile("kvitto.bin", innehall), user=kansli
    )
    assert u.innehallstyp == typ
    assert u.fil.path.startswith(str(tmp_path))


def test_underlag_that_is_not_pdf_or_image_is_refused(ar, kontoplan, bokfor, kansli, settings):
    settings.FINSAM_MAX_UPLOAD_BYTES = 10
    ver = bokfor(D(2024, 3, 1), [("1930", 100), ("3511", -100)])
    with pytest.raises(ValidationError, match="PDF"):
        services.underlag_lagg_till(
            verifikation=ver, fil=SimpleUploadedFile("a.pdf", b"<html>"), user=kansli
        )
    with pytest.raises(ValidationError, match="för stor"):
        services.underlag_lagg_till(
            verifikation=ver, fil=SimpleUploadedFile("a.pdf", b"%PDF-" + b"x" * 20), user=kansli
        )
    assert Underlag.objects.count() == 0
