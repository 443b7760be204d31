import django_filters

from insatser.models import Insats, InsatsStatus


class InsatsFilter(django_filters.FilterSet):
    namn = django_filters.CharFilter(label="namn innehåller", lookup_expr="icontains")
    typ = django_filters.ChoiceFilter(label="typ", choices=Insats.Typ.choices)
    finansieringsform = django_filters.ChoiceFilter(
        label="finansieringsform", choices=Insats.Finansiering.choices
    )
    status = django_filters.ChoiceFilter(
        label="status", choices=InsatsStatus.Status.choices, field_name="senaste_status"
    )

    class Meta:
        model = Insats
        fields = ["namn", "typ", "finansieringsform", "status"]
