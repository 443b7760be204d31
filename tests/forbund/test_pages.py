"""Every register page renders with the Helsingborg demo data, for a reader and a writer."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from forbund.demo import DEMO_ORGNR
from forbund.models import Forbund, Styrelseuppdrag
from forbund.views.register import REGISTER


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())
    return Forbund.objects.get(orgnr=DEMO_ORGNR)


def _sidor(forbund):
    o = {"orgnr": forbund.orgnr}
    urls = [reverse("forbund:start", kwargs=o), reverse("forbund:styrelse", kwargs=o) + "?ar=2013"]
    for spec in REGISTER:
        if spec.table is not None:
            urls.append(reverse(f"forbund:{spec.namn}-list", kwargs=o))
        if spec.skapa is not None:
            urls.append(reverse(f"forbund:{spec.namn}-create", kwargs=o))
        obj = spec.queryset(forbund).first()
        if obj is not None and spec.detalj:
            urls.append(reverse(f"forbund:{spec.namn}-detail", kwargs={**o, spec.namn: obj.pk}))
        if obj is not None and spec.andra is not None:
            urls.append(reverse(f"forbund:{spec.namn}-update", kwargs={**o, spec.namn: obj.pk}))
    for b in forbund.bidragsar.all():
        urls.append(reverse("forbund:bidrag-detail", kwargs={**o, "bidragsar": b.pk}))
        urls.append(reverse("forbund:bidrag-underlag", kwargs={**o, "bidragsar": b.pk}))
    urls.append(reverse("forbund:bidrag-list", kwargs=o))
    urls.append(reverse("forbund:anvandare-list", kwargs=o))
    return urls


def test_every_page_renders_for_the_forbundschef(client, demo):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="forbundschef"))
    fel = [(u, r.status_code) for u in _sidor(demo) if (r := client.get(u)).status_code != 200]
    assert fel == []


def test_demo_styrelse_2013_has_four_ledamoter_and_four_ersattare(demo):
    from forbund.selectors import styrelse_under_ar

    uppdrag = styrelse_under_ar(forbund=demo, ar=2013)
    assert [u.typ for u in uppdrag].count(Styrelseuppdrag.Typ.LEDAMOT) == 4
    assert [u.typ for u in uppdrag].count(Styrelseuppdrag.Typ.ERSATTARE) == 4
    ordf = [u.person.namn for u in uppdrag if u.presidium == "ordforande"]
    assert ordf == ["Christian Orsing"]


def test_demo_has_seven_meetings_in_2013_and_the_2013_contributions(demo):
    import datetime

    from forbund.selectors import medlemsbidrag_for_ar, sammantraden_under

    assert (
        sammantraden_under(
            forbund=demo, fran=datetime.date(2013, 1, 1), till=datetime.date(2013, 12, 31)
        ).count()
        == 7
    )
    assert [(m.namn, kr) for m, kr in medlemsbidrag_for_ar(forbund=demo, ar=2013)] == [
        ("Försäkringskassan", 7_000_000),
        ("Region Skåne", 3_500_000),
        ("Helsingborgs stad", 3_500_000),
    ]


def test_reader_sees_no_edit_buttons(client, demo):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="styrelse"))
    text = client.get(
        reverse("forbund:medlem-list", kwargs={"orgnr": demo.orgnr})
    ).content.decode()
    assert "Ny medlem" not in text
    assert "Helsingborgs stad" in text


def test_demo_register_is_idempotent(demo):
    from forbund.models import Ansvarsfrihet, Beslut, Bidragsandel, Gruppmedlem, Person, Revisor

    def antal():
        return [
            m.objects.count()
            for m in (
                Person,
                Styrelseuppdrag,
                Revisor,
                Beslut,
                Gruppmedlem,
                Ansvarsfrihet,
                Bidragsandel,
            )
        ]

    forst = antal()
    call_command("load_demo", stdout=StringIO())
    # 12 register decisions + 4 grants decided for the insatser (insatser/demo.py; the
    # other five 2014 grants are register decisions § 5–9, listed once); a Bidragsandel per
    # member (4) and year 2012–2014
    assert antal() == forst == [13, 8, 3, 16, 2, 4, 12]


def test_gruppmedlem_is_removed_by_post_and_audited(client, demo):
    from django.contrib.auth import get_user_model

    from forbund.models import Gruppmedlem, Logghandelse

    client.force_login(get_user_model().objects.get(username="kansli"))
    gm = Gruppmedlem.objects.filter(grupp__forbund=demo).first()
    url = reverse("forbund:gruppmedlem-delete", kwargs={"orgnr": demo.orgnr, "gruppmedlem": gm.pk})
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert not Gruppmedlem.objects.filter(pk=gm.pk).exists()
    assert (
        Logghandelse.objects.filter(objekttyp="forbund.Gruppmedlem", handelse="borttagen").count()
        == 1
    )


def test_demo_start_page_opens_on_2013_without_warnings(client, demo):
    """The demo's books end in 2013: its start page shows 2013's checks and deadlines,
    none of them red, whatever today's date is."""
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="forbundschef"))
    html = client.get(reverse("forbund:start", kwargs={"orgnr": demo.orgnr})).content.decode()
    assert '<option value="2013" selected>2013</option>' in html
    assert "Att kontrollera (2013-12-31)" in html
    assert "Inga anmärkningar." in html
    assert "Varning" not in html
    assert "Försenad" not in html
    assert html.count('class="frist-klar"') == 3
