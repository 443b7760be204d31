"""Sortable, paginated lists (django-tables2); each row links to its detail page."""

import django_tables2 as tables

from finsam.templatetags.svenska import kr
from forbund.models import (
    Ansvarsfrihet,
    Beslut,
    Bidragsar,
    Bilaga,
    Forbundsordning,
    Foregangare,
    Grupp,
    Kanslitjanst,
    Medlem,
    Person,
    Revisor,
    Sammantrade,
    Styrelseuppdrag,
)

DATUM = {"td": {"class": "num"}}


class _Bas(tables.Table):
    caption = ""  # read by screen readers; set by the view

    class Meta:
        attrs = {"class": "lista"}
        empty_text = "Inget registrerat."
        template_name = "forbund/_table.html"


class MedlemTable(_Bas):
    namn = tables.Column(linkify=True)

    class Meta(_Bas.Meta):
        model = Medlem
        fields = ["namn", "typ", "from_datum", "tom_datum", "intaktskonton"]


class PersonTable(_Bas):
    namn = tables.Column(linkify=True)

    class Meta(_Bas.Meta):
        model = Person
        fields = ["namn", "titel", "parti", "epost"]


class UppdragTable(_Bas):
    person = tables.Column(linkify=True, order_by=("person__namn",))
    medlem = tables.Column(order_by=("medlem__namn",))

    class Meta(_Bas.Meta):
        model = Styrelseuppdrag
        fields = ["person", "medlem", "typ", "presidium", "from_datum", "tom_datum"]


class RevisorTable(_Bas):
    person = tables.Column(linkify=True, order_by=("person__namn",))
    utsedd_av = tables.ManyToManyColumn(verbose_name="Utsedd av", orderable=False)

    class Meta(_Bas.Meta):
        model = Revisor
        fields = ["person", "utsedd_av", "firma", "auktoriserad", "from_datum", "tom_datum"]


class KansliTable(_Bas):
    person = tables.Column(linkify=True, order_by=("person__namn",))

    class Meta(_Bas.Meta):
        model = Kanslitjanst
        fields = ["person", "roll", "arbetsgivare", "tjanstgoringsgrad", "from_datum", "tom_datum"]


class GruppTable(_Bas):
    namn = tables.Column(linkify=True)
    antal = tables.Column(verbose_name="Medlemmar", attrs={"td": {"class": "num"}})

    class Meta(_Bas.Meta):
        model = Grupp
        fields = ["namn", "typ", "from_datum", "tom_datum"]


class SammantradeTable(_Bas):
    datum = tables.Column(linkify=True)
    antal_beslut = tables.Column(verbose_name="Beslut", attrs={"td": {"class": "num"}})

    class Meta(_Bas.Meta):
        model = Sammantrade
        fields = ["datum", "typ", "protokollnummer"]


class BeslutTable(_Bas):
    rubrik = tables.Column(linkify=True)
    sammantrade = tables.Column(verbose_name="Sammanträde", order_by=("sammantrade__datum",))
    belopp = tables.Column(
        verbose_name="Belopp (kr)", attrs={"td": {"class": "num"}, "th": {"class": "num"}}
    )

    class Meta(_Bas.Meta):
        model = Beslut
        fields = ["sammantrade", "paragraf", "rubrik", "typ", "belopp", "from_ar", "tom_ar"]

    def render_belopp(self, value):
        return kr(value)


class BilagaTable(_Bas):
    filnamn = tables.Column(linkify=True)

    class Meta(_Bas.Meta):
        model = Bilaga
        fields = ["filnamn", "sammantrade", "typ", "storlek", "uppladdad"]


class AnsvarsfrihetTable(_Bas):
    medlem = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta(_Bas.Meta):
        model = Ansvarsfrihet
        fields = ["ar", "medlem", "revisionsberattelse", "beslut", "beslutsdatum", "beslutsorgan"]


class ForegangareTable(_Bas):
    namn = tables.Column(linkify=True)

    class Meta(_Bas.Meta):
        model = Foregangare
        fields = ["namn", "orgnr", "bildat", "upphorde"]


class ForbundsordningTable(_Bas):
    giltig_fran = tables.Column(linkify=True)

    class Meta(_Bas.Meta):
        model = Forbundsordning
        fields = ["giltig_fran", "beskrivning", "filnamn", "uppladdad"]


class BidragsarTable(_Bas):
    ar = tables.Column(linkify=True)

    class Meta(_Bas.Meta):
        model = Bidragsar
        fields = ["ar", "statlig_tilldelning", "nyckel_kommuner", "beraknat"]

    def render_statlig_tilldelning(self, value):
        return kr(value)
