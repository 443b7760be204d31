"""Forms check shape (amounts, codes); the services enforce the ledger's rules."""

import re

from django import forms
from django.core.exceptions import ValidationError

from ekonomi.models import Budgetversion, Dimension, Konto, Objekt
from finsam.money import OgiltigtBelopp, tolka_belopp
from forbund.forms import DateInput
from forbund.models import Forbund


def objekt_fran_koder(*, forbund: Forbund, text: str) -> list[Objekt]:
    """``"GPS"``, ``"6:GPS"`` or ``"6:GPS 1:KANSLI"`` → Objekt of this förbund.

    A bare code must be unique among the förbund's dimensions."""
    koder = [k for k in re.split(r"[\s,;]+", text.strip()) if k]
    if not koder:
        return []
    alla = list(Objekt.objects.filter(dimension__forbund=forbund).select_related("dimension"))
    ut = []
    for kod in koder:
        dim, _, rest = kod.partition(":")
        if rest and dim.isdigit():
            hit = [o for o in alla if o.dimension.nummer == int(dim) and o.kod == rest]
        else:
            hit = [o for o in alla if o.kod == kod]
        if not hit:
            raise ValidationError(f"Objektet ”{kod}” finns inte.")
        if len(hit) > 1:
            raise ValidationError(f"”{kod}” finns i flera dimensioner: skriv t.ex. 6:{kod}.")
        if not hit[0].aktiv:
            raise ValidationError(f"Objektet ”{kod}” är inaktivt.")
        ut.append(hit[0])
    return ut


class BeloppField(forms.CharField):
    """A Swedish amount ("1 234,50") → integer öre (or None when empty)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        try:
            ore = tolka_belopp(value)
        except OgiltigtBelopp as exc:
            raise ValidationError(str(exc)) from exc
        if ore < 0:
            raise ValidationError("Skriv beloppet utan minus i debet- eller kreditkolumnen.")
        return ore


class VerifikationForm(forms.Form):
    datum = forms.DateField(label="Datum", widget=forms.DateInput(attrs={"type": "date"}))
    text = forms.CharField(label="Text", max_length=300)
    serie = forms.CharField(label="Serie", max_length=10, initial="A", required=False)

    def clean_serie(self):
        serie = self.cleaned_data["serie"].strip().upper() or "A"
        if serie == "IB":
            raise ValidationError("Serien IB används bara för ingående balanser.")
        return serie


class RadForm(forms.Form):
    konto = forms.CharField(label="Konto", max_length=10, required=False)
    debet = BeloppField(label="Debet")
    kredit = BeloppField(label="Kredit")
    objekt = forms.CharField(label="Objekt", max_length=100, required=False)
    text = forms.CharField(label="Radtext", max_length=300, required=False)

    def __init__(self, *args, forbund: Forbund, **kwargs):
        self.forbund = forbund
        super().__init__(*args, **kwargs)
        self.fields["konto"].widget.attrs.update(
            {"list": "konton", "autocomplete": "off", "inputmode": "numeric", "size": 6}
        )
        self.fields["objekt"].widget.attrs.update({"list": "objektlista", "size": 8})

    def clean_konto(self):
        nummer = self.cleaned_data["konto"].strip().split(" ")[0]
        if not nummer:
            return None
        konto = self.forbund.konton.filter(nummer=nummer).first()
        if konto is None:
            raise ValidationError(f"Konto {nummer} finns inte i kontoplanen.")
        if not konto.aktiv:
            raise ValidationError(f"Konto {nummer} är inaktivt.")
        return konto

    def clean_objekt(self):
        return objekt_fran_koder(forbund=self.forbund, text=self.cleaned_data["objekt"])

    def clean(self):
        data = super().clean()
        debet, kredit = data.get("debet"), data.get("kredit")
        if self.errors:
            return data
        tom = not data.get("konto") and debet is None and kredit is None
        data["tom"] = tom and not data.get("objekt") and not data.get("text")
        if data["tom"]:
            return data
        if not data.get("konto"):
            self.add_error("konto", "Ange ett konto.")
        if debet is not None and kredit is not None:
            self.add_error("kredit", "Fyll i antingen debet eller kredit, inte båda.")
        elif not debet and not kredit:
            self.add_error("debet", "Ange ett belopp i debet eller kredit.")
        data["belopp"] = (debet or 0) - (kredit or 0)
        return data


class BaseRadFormSet(forms.BaseFormSet):
    def rader(self) -> list[tuple[int, tuple]]:
        """(form index, (konto, öre, objekt, text)) for every non-empty row."""
        return [
            (
                i,
                (
                    f.cleaned_data["konto"],
                    f.cleaned_data["belopp"],
                    f.cleaned_data["objekt"],
                    f.cleaned_data["text"],
                ),
            )
            for i, f in enumerate(self.forms)
            if f.cleaned_data and not f.cleaned_data.get("tom")
        ]


# A posted form count above the cap is refused before any row is built (Django's
# too_many_forms): without absolute_max a forged TOTAL_FORMS made 1 500 rows to render.
RadFormSet = forms.formset_factory(
    RadForm, formset=BaseRadFormSet, extra=0, max_num=500, absolute_max=500, validate_max=True
)
RADER_PREFIX = "rader"


def rader_data(post) -> dict:
    """Posted data with a management form even when a client posted only the row fields
    (``rader-N-konto`` ...): the number of rows is then taken from the highest N."""
    if f"{RADER_PREFIX}-TOTAL_FORMS" in post:
        return post
    data = post.copy()
    # At most six digits: a longer number is past any row limit (and one of thousands of
    # digits is more than int() will parse); such a key is not a row.
    index = [
        int(m.group(1)) for key in post if (m := re.match(rf"^{RADER_PREFIX}-(\d{{1,6}})-", key))
    ]
    data[f"{RADER_PREFIX}-TOTAL_FORMS"] = str(max(index) + 1 if index else 0)
    data[f"{RADER_PREFIX}-INITIAL_FORMS"] = "0"
    return data


class RattelseForm(forms.Form):
    datum = forms.DateField(
        label="Rättelsens datum", widget=forms.DateInput(attrs={"type": "date"})
    )


class UnderlagForm(forms.Form):
    fil = forms.FileField(
        label="Underlag (PDF, PNG eller JPEG)",
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/png,image/jpeg"}),
    )


class PeriodForm(forms.Form):
    orsak = forms.CharField(label="Orsak", max_length=200)


class RakenskapsarForm(forms.Form):
    start = forms.DateField(label="Första dag", widget=forms.DateInput(attrs={"type": "date"}))
    slut = forms.DateField(label="Sista dag", widget=forms.DateInput(attrs={"type": "date"}))


class KontoForm(forms.ModelForm):
    class Meta:
        model = Konto
        fields = ["nummer", "namn", "typ", "rapportrad", "aktiv"]

    def __init__(self, *args, forbund: Forbund, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.forbund = forbund

    def clean_nummer(self):
        nummer = self.cleaned_data["nummer"].strip()
        if not nummer.isdigit():
            raise ValidationError("Kontonumret består av siffror.")
        qs = self.instance.forbund.konton.filter(nummer=nummer).exclude(pk=self.instance.pk)
        if qs.exists():
            raise ValidationError(f"Konto {nummer} finns redan.")
        return nummer


class DimensionForm(forms.ModelForm):
    class Meta:
        model = Dimension
        fields = ["nummer", "namn"]

    def __init__(self, *args, forbund: Forbund, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.forbund = forbund

    def clean_nummer(self):
        nummer = self.cleaned_data["nummer"]
        qs = self.instance.forbund.dimensioner.filter(nummer=nummer).exclude(pk=self.instance.pk)
        if qs.exists():
            raise ValidationError(f"Dimension {nummer} finns redan.")
        return nummer


class ObjektForm(forms.ModelForm):
    class Meta:
        model = Objekt
        fields = ["kod", "namn", "aktiv"]

    def __init__(self, *args, dimension: Dimension, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.dimension = dimension

    def clean_kod(self):
        kod = self.cleaned_data["kod"].strip()
        if re.search(r"[\s,;:]", kod):
            raise ValidationError("Koden får inte innehålla mellanslag, komma eller kolon.")
        qs = self.instance.dimension.objekt.filter(kod=kod).exclude(pk=self.instance.pk)
        if qs.exists():
            raise ValidationError(f"Koden {kod} finns redan i dimensionen.")
        return kod


class BudgetversionForm(forms.ModelForm):
    class Meta:
        model = Budgetversion
        fields = ["typ", "namn"]


class FaktureraForm(forms.Form):
    """Date, fordran account and series of a year's medlemsbidrag vouchers."""

    datum = forms.DateField(label="Bokföringsdatum", widget=DateInput)
    fordringskonto = forms.CharField(
        label="Fordringskonto",
        max_length=10,
        help_text="Tillgångskonto i kontoplanen, t.ex. 1513.",
    )
    serie = forms.CharField(label="Verifikationsserie", max_length=10, initial="F")
