import django_filters

from insatser.models import Deltagande, Insats, InsatsStatus
from insatser.models.deltagare import Kon


class InsatsFilter(django_filters.FilterSet):
    namn = django_filters.CharFilter(label="Namn innehåller", lookup_expr="icontains")
    typ = django_filters.ChoiceFilter(label="Typ", choices=Insats.Typ.choices)
    finansieringsform = django_filters.ChoiceFilter(
        label="Finansieringsform", choices=Insats.Finansiering.choices
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=InsatsStatus.Status.choices, field_name="senaste_status"
    )

    class Meta:
        model = Insats
        fields = ["namn", "typ", "finansieringsform", "status"]


class DeltagandeFilter(django_filters.FilterSet):
    kod = django_filters.CharFilter(label="Deltagarkod innehåller", lookup_expr="icontains")
    lage = django_filters.ChoiceFilter(
        label="Läge",
        choices=[("pagaende", "Pågående"), ("avslutade", "Avslutade")],
        method="filtrera_lage",
    )
    kon = django_filters.ChoiceFilter(label="Kön", choices=Kon.choices)

    class Meta:
        model = Deltagande
        fields = ["kod", "lage", "kon"]

    def filtrera_lage(self, queryset, name, value):
        return queryset.filter(slut__isnull=value == "pagaende")
