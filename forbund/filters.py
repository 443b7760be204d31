"""List filters (django-filter); choices of members and people come from the förbund."""

import django_filters as filters
from django import forms
from django.db.models import Q

from forbund.arbetsar import MINSTA_AR, STORSTA_AR
from forbund.models import (
    Ansvarsfrihet,
    Beslut,
    Grupp,
    Kanslitjanst,
    Medlem,
    Person,
    Revisor,
    Sammantrade,
    Styrelseuppdrag,
)


class _ForbundFilter(filters.FilterSet):
    def __init__(self, *args, forbund, **kwargs):
        super().__init__(*args, **kwargs)
        for namn in ("medlem", "utsedd_av"):
            if namn in self.filters:
                self.filters[namn].queryset = forbund.medlemmar.all()


class _AktivFilter(_ForbundFilter):
    aktiv_pa = filters.DateFilter(
        label="Aktiv den (ÅÅÅÅ-MM-DD)", method="filtrera_aktiv", field_name="from_datum"
    )

    def filtrera_aktiv(self, queryset, name, value):
        return queryset.filter(
            (Q(from_datum__isnull=True) | Q(from_datum__lte=value))
            & (Q(tom_datum__isnull=True) | Q(tom_datum__gte=value))
        )


class MedlemFilter(_AktivFilter):
    class Meta:
        model = Medlem
        fields = ["typ"]


class PersonFilter(_ForbundFilter):
    namn = filters.CharFilter(label="Namn innehåller", lookup_expr="icontains")

    class Meta:
        model = Person
        fields = ["namn"]


class UppdragFilter(_AktivFilter):
    class Meta:
        model = Styrelseuppdrag
        fields = ["medlem", "typ", "presidium"]


class RevisorFilter(_AktivFilter):
    class Meta:
        model = Revisor
        fields = ["auktoriserad"]


class KansliFilter(_AktivFilter):
    class Meta:
        model = Kanslitjanst
        fields = []


class GruppFilter(_ForbundFilter):
    class Meta:
        model = Grupp
        fields = ["typ"]


class ArFilter(filters.NumberFilter):
    """A year: a whole number in the supported range, else a field error (a year lookup on
    -1 or a 20-digit number fails in the database layer)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", "År")
        kwargs.setdefault("min_value", MINSTA_AR)
        kwargs.setdefault("max_value", STORSTA_AR)
        kwargs.setdefault("lookup_expr", "year")
        super().__init__(*args, **kwargs)


class SammantradeFilter(_ForbundFilter):
    ar = ArFilter(field_name="datum")

    class Meta:
        model = Sammantrade
        fields = ["typ"]


class BeslutFilter(_ForbundFilter):
    ar = ArFilter(field_name="sammantrade__datum")
    rubrik = filters.CharFilter(label="Rubrik innehåller", lookup_expr="icontains")

    class Meta:
        model = Beslut
        fields = ["typ"]


class AnsvarsfrihetFilter(_ForbundFilter):
    class Meta:
        model = Ansvarsfrihet
        fields = ["ar", "medlem", "beslut"]
