import django_filters
from django.core.exceptions import ValidationError
from django.db.models import Q

from ekonomi.models import Period, Verifikation
from finsam.money import OgiltigtBelopp, tolka_belopp


class VerifikationFilter(django_filters.FilterSet):
    period = django_filters.ModelChoiceFilter(
        label="Period", queryset=Period.objects.none(), method="filtrera_period"
    )
    serie = django_filters.CharFilter(label="Serie", field_name="serie__kod", lookup_expr="iexact")
    konto = django_filters.CharFilter(label="Konto", method="filtrera_konto")
    objekt = django_filters.CharFilter(label="Objekt (kod)", method="filtrera_objekt")
    text = django_filters.CharFilter(label="Text", method="filtrera_text")
    belopp = django_filters.CharFilter(label="Belopp (kr)", method="filtrera_belopp")
    status = django_filters.ChoiceFilter(label="Status", choices=Verifikation.Status.choices)

    class Meta:
        model = Verifikation
        fields: list = []

    def __init__(self, *args, forbund, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["period"].queryset = Period.objects.filter(
            rakenskapsar__forbund=forbund
        ).order_by("-start")

    def filtrera_period(self, qs, name, value):
        return qs.filter(datum__gte=value.start, datum__lte=value.slut) if value else qs

    def filtrera_konto(self, qs, name, value):
        return qs.filter(rader__konto__nummer__startswith=value.strip()).distinct()

    def filtrera_objekt(self, qs, name, value):
        return qs.filter(rader__objekt__kod__iexact=value.strip()).distinct()

    def filtrera_text(self, qs, name, value):
        return qs.filter(Q(text__icontains=value) | Q(rader__text__icontains=value)).distinct()

    def filtrera_belopp(self, qs, name, value):
        try:
            ore = abs(tolka_belopp(value))
        except OgiltigtBelopp as exc:
            raise ValidationError(str(exc)) from exc
        return qs.filter(Q(rader__belopp=ore) | Q(rader__belopp=-ore)).distinct()

    @property
    def qs(self):
        try:
            return super().qs
        except ValidationError:
            return self.queryset.none()
