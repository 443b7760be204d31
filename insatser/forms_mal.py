"""Forms for the förbund's goals (issue 14.3): a goal, and its follow-up per period."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError

from insatser.models import Forbundsmal, Malutfall


class Talfalt(forms.Field):
    """A number as typed in Swedish: decimal comma or point, spaces between thousands
    ("1 500,5"). Empty → None."""

    widget = forms.TextInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        text = str(value or "").strip()
        if not text:
            return None
        if len(text) > 30:
            raise ValidationError("Talet är för långt.")
        ren = text.replace("\u00a0", "").replace(" ", "").replace(",", ".")
        try:
            tal = Decimal(ren)
        except InvalidOperation:
            raise ValidationError("Ange ett tal, t.ex. 30 eller 12,5.") from None
        if not tal.is_finite() or abs(tal) >= Decimal("1e10"):
            raise ValidationError("Talet är för stort.")
        if tal != tal.quantize(Decimal("0.01")):
            raise ValidationError("Ange högst två decimaler.")
        return tal


class ForbundsmalForm(forms.ModelForm):
    """One goal of the year. ``instance`` carries the förbund and year; the inriktningsmål
    to choose from are that year's."""

    malvarde = Talfalt(label="Målvärde (tal)", help_text="t.ex. 11 eller 30,5")

    class Meta:
        model = Forbundsmal
        fields = [
            "slag",
            "overordnat",
            "text",
            "matt",
            "malvarde",
            "enhet",
            "maltext",
            "deltagarantal",
            "ordning",
        ]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        qs = Forbundsmal.objects.filter(
            forbund=self.instance.forbund,
            ar=self.instance.ar,
            slag=Forbundsmal.Slag.INRIKTNING,
        )
        if self.instance.pk:
            qs = qs.exclude(pk=self.instance.pk)
        self.fields["overordnat"].queryset = qs
        self.fields["overordnat"].empty_label = "– inget (ett eget mål) –"
        if self.instance.malvarde is not None and not self.is_bound:
            self.initial["malvarde"] = f"{self.instance.malvarde.normalize():f}".replace(".", ",")

    def clean(self):
        data = super().clean()
        if data.get("overordnat") and data.get("slag") == Forbundsmal.Slag.INRIKTNING:
            self.add_error("overordnat", "Ett inriktningsmål kan inte ligga under ett annat mål.")
        return data


class MalutfallForm(forms.Form):
    """The follow-up of one goal per the page's date; all fields empty = not followed up
    (an existing follow-up is removed)."""

    utfall = Talfalt(label="Utfall (tal)")
    utfall_text = forms.CharField(label="Utfall i text", required=False, max_length=500)
    bedomning = forms.ChoiceField(
        label="Bedömning",
        required=False,
        choices=[("", "–")] + list(Malutfall.Bedomning.choices),
    )
    kommentar = forms.CharField(
        label="Kommentar", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, mal: Forbundsmal, **kwargs):
        self.mal = mal
        super().__init__(*args, **kwargs)
        if mal.enhet:
            self.fields["utfall"].label = f"Utfall ({mal.enhet})"

    def clean(self):
        data = super().clean()
        ifyllt = (
            data.get("utfall") is not None
            or (data.get("utfall_text") or "").strip()
            or (data.get("kommentar") or "").strip()
        )
        if ifyllt and not data.get("bedomning"):
            self.add_error("bedomning", "Välj en bedömning.")
        if data.get("utfall") is not None and data["utfall"] < 0:
            self.add_error("utfall", "Utfallet kan inte vara negativt.")
        return data
