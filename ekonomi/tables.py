import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html

from ekonomi.models import Verifikation
from finsam.templatetags.svenska import ore_kr


class VerifikationTable(tables.Table):
    verifikation = tables.Column(
        verbose_name="Verifikation", accessor="nummer", order_by=("serie__kod", "nummer", "pk")
    )
    # Ties on a date in number order: a stable order also keeps pages from overlapping.
    datum = tables.DateColumn(
        format="Y-m-d", verbose_name="Datum", order_by=("datum", "serie__kod", "nummer", "pk")
    )
    text = tables.Column(verbose_name="Text")
    omslutning = tables.Column(
        verbose_name="Belopp (kr)",
        attrs={"td": {"class": "num"}, "th": {"class": "num"}},
    )
    status = tables.Column(verbose_name="Status")

    class Meta:
        model = Verifikation
        fields = ("verifikation", "datum", "text", "omslutning", "status")
        order_by = ("-datum",)
        attrs = {"class": "verifikationer"}

    def __init__(self, *args, orgnr: str, **kwargs):
        self.orgnr = orgnr
        super().__init__(*args, **kwargs)

    def render_verifikation(self, record):
        url = reverse("ekonomi:verifikation-detail", kwargs={"orgnr": self.orgnr, "pk": record.pk})
        nummer = record.nummer if record.nummer is not None else "(prel.)"
        return format_html('<a href="{}">{} {}</a>', url, record.serie.kod, nummer)

    def render_omslutning(self, value):
        return ore_kr(value or 0)

    def render_status(self, record):
        text = record.get_status_display()
        if record.rattar_id:
            text += " (rättelse)"
        return text
