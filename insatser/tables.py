import django_tables2 as tables

from insatser.models import Deltagande, Insats, InsatsStatus


class InsatsTable(tables.Table):
    namn = tables.Column(linkify=True)
    processagare = tables.Column(
        verbose_name="Processägare", accessor="processagare_namn", orderable=False
    )
    senaste_status = tables.Column(verbose_name="Status")
    objekt = tables.Column(verbose_name="Objekt", accessor="objekt__kod")

    class Meta:
        model = Insats
        fields = ["namn", "typ", "finansieringsform", "processagare", "start", "slut"]
        sequence = [
            "namn",
            "typ",
            "finansieringsform",
            "processagare",
            "start",
            "slut",
            "senaste_status",
            "objekt",
        ]
        empty_text = "Inga insatser."
        attrs = {"class": "table"}

    def render_senaste_status(self, value):
        return InsatsStatus.Status(value).label if value else "–"


class DeltagandeTable(tables.Table):
    kod = tables.Column(
        linkify=lambda record: record.get_absolute_url(), verbose_name="Deltagarkod"
    )

    class Meta:
        model = Deltagande
        fields = [
            "kod",
            "kon",
            "aldersgrupp",
            "remitterande",
            "start",
            "forsorjning_start",
            "slut",
            "avslutsorsak",
            "forsorjning_slut",
        ]
        empty_text = "Inga deltagare registrerade."
        attrs = {"class": "table"}
