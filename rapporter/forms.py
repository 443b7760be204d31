from django import forms
from django.forms import inlineformset_factory

from finsam.money import OgiltigtBelopp, tolka_belopp
from forbund.models import Medlem
from rapporter.builders.grund import tolka_formel
from rapporter.definitioner import OgiltigtIntervall, tolka_intervall
from rapporter.models import Rapportdefinition, Rapportinstallning, Rapportrad
from rapporter.text import LOGOTYP_MAX_BYTE, OgiltigBild, logotyp_png, sanera


class RapportradForm(forms.ModelForm):
    class Meta:
        model = Rapportrad
        fields = [
            "ordning",
            "kod",
            "rubrik",
            "typ",
            "konton",
            "kontotyp",
            "formel",
            "tecken",
            "not_typ",
            "not_dimension",
        ]

    def clean_konton(self):
        text = self.cleaned_data["konton"]
        try:
            tolka_intervall(text)
        except OgiltigtIntervall as exc:
            raise forms.ValidationError(str(exc)) from exc
        return text

    def clean_kontotyp(self):
        text = self.cleaned_data["kontotyp"].upper().replace(" ", "")
        if any(c not in "TSIK" for c in text):
            raise forms.ValidationError("Ange kontotyper med bokstäverna T, S, I och K.")
        return text

    def clean(self):
        data = super().clean()
        typ = data.get("typ")
        if typ == Rapportrad.Typ.SUMMA and not data.get("formel"):
            self.add_error("formel", "En delsumma behöver en formel, t.ex. ”VI+VK”.")
        if data.get("not_typ") == Rapportrad.Not.PER_OBJEKT and not data.get("not_dimension"):
            self.add_error("not_dimension", "Ange vilken dimensions objekt noten visar.")
        return data


class BaseRadFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        koder = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form in self.deleted_forms:
                continue
            kod = form.cleaned_data.get("kod")
            if kod:
                if kod in koder:
                    form.add_error("kod", "Koden används redan på en annan rad.")
                koder.add(kod)
        likvida = (Rapportrad.Typ.LIKVIDA_IB, Rapportrad.Typ.LIKVIDA_UB)
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form in self.deleted_forms:
                continue
            if (
                form.cleaned_data.get("typ") in likvida
                and self.instance.typ != Rapportdefinition.Typ.KASSAFLODE
            ):
                form.add_error("typ", "Rader för likvida medel finns bara i kassaflödesanalysen.")
            for _, kod in tolka_formel(form.cleaned_data.get("formel") or ""):
                if kod not in koder:
                    form.add_error("formel", f"Raden ”{kod}” finns inte.")


RadFormSet = inlineformset_factory(
    Rapportdefinition,
    Rapportrad,
    form=RapportradForm,
    formset=BaseRadFormSet,
    extra=2,
    can_delete=True,
    # A forged TOTAL_FORMS is refused (too_many_forms), never built into thousands of rows
    # (the standard definitions have at most 17 rows).
    max_num=150,
    absolute_max=150,
    validate_max=True,
)


class KapitaltakField(forms.CharField):
    """``7000000:20; 15000000:15; :10`` ⇄ [[7000000, 20], [15000000, 15], [None, 10]]."""

    def prepare_value(self, value):
        if isinstance(value, list):
            return "; ".join(f"{'' if g is None else g}:{p}" for g, p in value)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        steg = []
        for del_ in (d.strip() for d in value.split(";") if d.strip()):
            grans, _, pct = del_.partition(":")
            try:
                steg.append(
                    [int(grans) if grans.strip() else None, float(pct) if "." in pct else int(pct)]
                )
            except ValueError as exc:
                raise forms.ValidationError(
                    "Skriv trappstegen som ”gräns i kr:procent”, t.ex. ”7000000:20; :10”."
                ) from exc
        if not steg or steg[-1][0] is not None:
            raise forms.ValidationError("Sista steget ska sakna gräns, t.ex. ”:10”.")
        return steg


class RapportinstallningForm(forms.ModelForm):
    kapitaltak = KapitaltakField(
        label="Kapitaltak (trappsteg)",
        help_text="Medlemsbidrag upp till (kr):högst procent eget kapital, t.ex. "
        "”7000000:20; 15000000:15; :10”.",
    )
    ansvarsforbindelser_kr = forms.CharField(
        label="Ansvarsförbindelser, belopp (kr)", required=False
    )
    logotyp_fil = forms.FileField(
        label="Logotyp på omslaget (PNG eller JPEG, högst 1 MB)",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    ta_bort_logotyp = forms.BooleanField(label="Ta bort logotypen", required=False)

    class Meta:
        model = Rapportinstallning
        fields = [
            "enhet_rakningar",
            "enhet_noter",
            "summera_avrundade",
            "redovisningsprinciper",
            "ansvarsforbindelser",
            "revisionskonton",
            "likvida_konton",
            "kapitaltak",
            "delar_br_jamforelse",
            "insatsstatistik_i_bilaga",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.ansvarsforbindelser_belopp is not None:
            self.initial["ansvarsforbindelser_kr"] = str(
                self.instance.ansvarsforbindelser_belopp / 100
            ).replace(".", ",")

    def _intervall(self, namn):
        text = self.cleaned_data[namn]
        try:
            tolka_intervall(text)
        except OgiltigtIntervall as exc:
            raise forms.ValidationError(str(exc)) from exc
        return text

    def clean_revisionskonton(self):
        return self._intervall("revisionskonton")

    def clean_likvida_konton(self):
        return self._intervall("likvida_konton")

    def clean_logotyp_fil(self):
        fil = self.cleaned_data.get("logotyp_fil")
        if not fil:
            return None
        if fil.size > LOGOTYP_MAX_BYTE:
            raise forms.ValidationError("Bilden är för stor: högst 1 MB.")
        try:
            return logotyp_png(fil.read())
        except OgiltigBild as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean_ansvarsforbindelser_kr(self):
        text = self.cleaned_data["ansvarsforbindelser_kr"].strip()
        if not text:
            return None
        try:
            return tolka_belopp(text)
        except OgiltigtBelopp as exc:
            raise forms.ValidationError(str(exc)) from exc

    def save(self, commit=True):
        self.instance.ansvarsforbindelser_belopp = self.cleaned_data["ansvarsforbindelser_kr"]
        if self.cleaned_data.get("logotyp_fil"):
            self.instance.logotyp = self.cleaned_data["logotyp_fil"]
        elif self.cleaned_data.get("ta_bort_logotyp"):
            self.instance.logotyp = None
        return super().save(commit)


class BerattelseForm(forms.Form):
    """One formatted text per section that takes a text (``sektioner``: [(nyckel,
    rubrik)]). Each text is sanitised to the allowed formatting (:mod:`rapporter.text`);
    pasted Word or web HTML keeps headings, lists, bold, links and tables, nothing else."""

    MAX = 100_000

    def __init__(self, *args, sektioner: list[tuple[str, str]], texter: dict[str, str], **kw):
        super().__init__(*args, **kw)
        for nyckel, rubrik in sektioner:
            self.fields[nyckel] = forms.CharField(
                label=rubrik,
                required=False,
                initial=texter.get(nyckel, ""),
                max_length=self.MAX,
                error_messages={"max_length": "Texten är för lång (högst 100 000 tecken)."},
                widget=forms.Textarea(attrs={"rows": 8, "class": "rik-text", "data-rik-text": ""}),
            )

    def clean(self):
        data = super().clean()
        return {k: sanera(v or "") for k, v in data.items()}


class AvsnittForm(forms.Form):
    """A förbund's choice for one section: its place, own heading, hidden."""

    ordning = forms.IntegerField(label="Ordning", min_value=0, max_value=10_000)
    rubrik = forms.CharField(label="Egen rubrik", max_length=200, required=False)
    dold = forms.BooleanField(label="Dölj", required=False)


class EgetAvsnittForm(forms.Form):
    """A section of the förbund's own (narrative) in one report kind."""

    rubrik = forms.CharField(label="Rubrik för ett nytt eget avsnitt", max_length=200)


class PrognosForm(forms.Form):
    radkod = forms.ChoiceField(label="Rad")
    belopp = forms.CharField(label="Helårsprognos (kr, med tecken som i rapporten)")
    kommentar = forms.CharField(label="Kommentar", max_length=300)

    def __init__(self, *args, rader: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["radkod"].choices = rader

    def clean_belopp(self):
        try:
            return tolka_belopp(self.cleaned_data["belopp"])
        except OgiltigtBelopp as exc:
            raise forms.ValidationError(str(exc)) from exc


class DelarForm(forms.Form):
    till = forms.DateField(label="Till och med", required=False)


# --- onboarding after an import ------------------------------------------------------------


class ObjektrollForm(forms.Form):
    """One required choice per object of the ledger: insats, administration or övrigt."""

    def __init__(self, data=None, *, objekt: list, **kwargs):
        from insatser.models import Objektroll

        super().__init__(data, prefix="objekt", **kwargs)
        self.objekt = objekt
        for rad in objekt:
            val = [("", "– välj –")] + [
                (v, t)
                for v, t in Objektroll.Roll.choices
                if rad.kan_vara_insats or v != Objektroll.Roll.INSATS
            ]
            self.fields[str(rad.objekt.pk)] = forms.ChoiceField(
                label=f"{rad.objekt.kod} {rad.objekt.namn}",
                choices=val,
                initial=rad.roll or rad.forslag,
                error_messages={"required": "Välj vad objektet används till."},
            )

    @property
    def rader(self):
        return [(rad, self[str(rad.objekt.pk)]) for rad in self.objekt]

    def roller(self) -> dict[int, str]:
        return {int(k): v for k, v in self.cleaned_data.items()}


class MedlemsforslagForm(forms.Form):
    med = forms.BooleanField(label="Registrera", required=False)
    namn = forms.CharField(label="Namn", max_length=200, required=False)
    typ = forms.ChoiceField(
        label="Typ", required=False, choices=[("", "– välj –")] + list(Medlem.Typ.choices)
    )
    intaktskonton = forms.CharField(label="Intäktskonton", max_length=100, required=False)

    def clean(self):
        data = super().clean()
        if data.get("med"):
            if not (data.get("namn") or "").strip():
                self.add_error("namn", "Ange medlemmens namn.")
            if not data.get("typ"):
                self.add_error("typ", "Välj typ av medlem.")
            konton = [k.strip() for k in (data.get("intaktskonton") or "").split(",")]
            if not any(konton) or any(k and not k.isdigit() for k in konton):
                self.add_error(
                    "intaktskonton", "Skriv kontonummer med siffror, flera åtskilda med komma."
                )
        return data


MedlemsforslagFormSet = forms.formset_factory(
    MedlemsforslagForm, extra=0, max_num=50, absolute_max=50, validate_max=True
)
