"""Forms check shape; the services enforce the domain rules."""

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from finsam import kalkylblad
from finsam.money import OgiltigtBelopp, tolka_belopp
from forbund.models import Beslut, Forbund
from insatser.models import (
    AnonymaDeltagare,
    Avslutsorsak,
    Deltagande,
    Insats,
    InsatsStatus,
    Mal,
    Strukturaktivitet,
    Utvardering,
)
from insatser.models.deltagare import Forsorjning, Sysselsattning
from insatser.services.deltagare import DELTAGANDE_FALT, avslutsorsaker_for
from insatser.services.insatser import INSATS_FALT
from insatser.validators import liknar_namn


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _datumfalt(form: forms.Form) -> None:
    for falt in form.fields.values():
        if isinstance(falt, forms.DateField):
            falt.widget = DateInput()


def lagg_fel(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ValidationError next to the fields it names (or on the form)."""
    if hasattr(exc, "error_dict"):
        for falt, fel in exc.error_dict.items():
            namn = falt if falt in form.fields else None
            if falt == NON_FIELD_ERRORS:
                namn = None
            for e in fel:
                form.add_error(namn, e)
    else:
        form.add_error(None, exc)


class InsatsForm(forms.ModelForm):
    objektkod = forms.CharField(
        label="Objektkod i bokföringen (dimension 6)",
        max_length=50,
        required=False,
        help_text="Lämna tomt för att få en kod föreslagen av namnet.",
    )

    class Meta:
        model = Insats
        fields = [*INSATS_FALT, "styrgrupp"]
        widgets = {
            "behovsgrupp": forms.Textarea(attrs={"rows": 3}),
            "malgrupp": forms.Textarea(attrs={"rows": 3}),
            "metod": forms.Textarea(attrs={"rows": 3}),
            "samverkande_parter": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, forbund: Forbund, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["processagare"].queryset = forbund.medlemmar.all()
        self.fields["styrgrupp"].queryset = forbund.personer.all()
        self.fields["styrgrupp"].required = False
        if self.instance.pk and self.instance.objekt_id:
            self.fields["objektkod"].initial = self.instance.objekt.kod
        _datumfalt(self)


class StatusForm(forms.ModelForm):
    class Meta:
        model = InsatsStatus
        fields = ["status", "datum", "kommentar"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _datumfalt(self)


class MalForm(forms.ModelForm):
    class Meta:
        model = Mal
        fields = ["beskrivning", "matt", "jamforelse", "malvarde", "fran", "till"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _datumfalt(self)


class MedelForm(forms.Form):
    ar = forms.IntegerField(label="År", min_value=2000, max_value=2100)
    belopp = forms.CharField(label="Belopp (kr)", help_text="t.ex. 1 455 000")
    beslut = forms.ModelChoiceField(label="Styrelsens beslut", queryset=Beslut.objects.none())

    def __init__(self, *args, forbund: Forbund, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["beslut"].queryset = Beslut.objects.filter(
            sammantrade__forbund=forbund
        ).select_related("sammantrade")

    def clean_belopp(self) -> int:
        try:
            ore = tolka_belopp(self.cleaned_data["belopp"])
        except OgiltigtBelopp as exc:
            raise ValidationError(str(exc)) from exc
        if ore < 0:
            raise ValidationError("Beloppet kan inte vara negativt.")
        return ore


RAPPORTFORMAT = (".pdf", ".docx", ".doc", ".odt")


class UtvarderingForm(forms.ModelForm):
    class Meta:
        model = Utvardering
        fields = ["utforare", "datum", "titel", "rapport"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _datumfalt(self)

    def clean_rapport(self):
        fil = self.cleaned_data.get("rapport")
        if fil and fil.size > settings.FINSAM_MAX_UPLOAD_BYTES:
            raise ValidationError("Filen är för stor.")
        if fil and not fil.name.lower().endswith(RAPPORTFORMAT):
            raise ValidationError("Ladda upp rapporten som PDF, Word eller OpenDocument.")
        return fil


class StrukturaktivitetForm(forms.ModelForm):
    class Meta:
        model = Strukturaktivitet
        fields = ["datum", "namn", "kategori", "antal"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _datumfalt(self)


class AvslutsorsakForm(forms.ModelForm):
    class Meta:
        model = Avslutsorsak
        fields = ["kod", "namn", "arbete_studier", "raknas", "aktiv", "ordning"]

    def _post_clean(self):
        # Uniqueness and the clash with shared codes are checked by the service.
        pass


class AnonymaForm(forms.ModelForm):
    class Meta:
        model = AnonymaDeltagare
        fields = ["ar", "kon", "skal", "antal"]


KOD_SOM_NAMN = (
    "Koden ser ut som ett namn. Använd en lokal kod utan namn eller personnummer "
    "(t.ex. GPS-014), eller bekräfta nedan att koden inte är ett namn."
)


class DeltagandeForm(forms.ModelForm):
    """A participation. A code that looks like a name is held back with a warning at the
    field until the user confirms it is not one (``kod_inget_namn``, shown only then)."""

    kod_inget_namn = forms.BooleanField(
        label="Koden är inget namn", required=False, widget=forms.HiddenInput
    )

    class Meta:
        model = Deltagande
        fields = list(DELTAGANDE_FALT)

    def __init__(self, *args, forbund: Forbund, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["remitterande"].queryset = forbund.medlemmar.all()
        if "avslutsorsak" in self.fields:
            self.fields["avslutsorsak"].queryset = self.fields["avslutsorsak"].queryset.filter(
                pk__in=[o.pk for o in avslutsorsaker_for(forbund=forbund)]
            )
        _datumfalt(self)

    def clean(self):
        data = super().clean()
        bekraftat = data.pop("kod_inget_namn", False)
        kod = data.get("kod", "")
        if kod and liknar_namn(kod) and not bekraftat and "kod" in self.fields:
            self.add_error("kod", KOD_SOM_NAMN)
            self.fields["kod_inget_namn"].widget = forms.CheckboxInput()
        return data

    def _post_clean(self):
        # Model validation (incl. the personnummer check) runs in the service, which
        # also knows the insats; here only the shape of each field is checked.
        pass


class NyDeltagareForm(DeltagandeForm):
    """One row of the registration grid."""

    class Meta:
        model = Deltagande
        fields = [
            "kod",
            "kon",
            "fodelsear",
            "aldersgrupp",
            "remitterande",
            "start",
            "forsorjning_start",
            "samtycke_datum",
        ]


class AvslutaForm(forms.Form):
    """One row of the closing grid: leave slutdatum empty to leave the row open."""

    deltagande = forms.IntegerField(widget=forms.HiddenInput)
    slut = forms.DateField(label="Slutdatum", required=False, widget=DateInput())
    avslutsorsak = forms.ModelChoiceField(label="Avslutsorsak", queryset=None, required=False)
    sysselsattning_slut = forms.ChoiceField(
        label="Sysselsättning vid avslut",
        choices=[("", "–"), *Sysselsattning.choices],
        required=False,
    )
    forsorjning_slut = forms.ChoiceField(
        label="Försörjning vid avslut", choices=[("", "–"), *Forsorjning.choices], required=False
    )

    def __init__(self, *args, forbund: Forbund, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["avslutsorsak"].queryset = Avslutsorsak.objects.filter(
            pk__in=[o.pk for o in avslutsorsaker_for(forbund=forbund)]
        )


class ImportForm(forms.Form):
    fil = forms.FileField(
        label="Fil (CSV eller Excel .xlsx)",
        help_text="Första raden: kolumnrubriker. Se kolumnlistan nedan.",
    )

    def clean_fil(self):
        fil = self.cleaned_data["fil"]
        if not fil.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise ValidationError("Välj en CSV-fil eller en Excel-fil (.xlsx).")
        if fil.size > kalkylblad.MAX_FIL_BYTE:
            raise ValidationError(kalkylblad.STORLEKSFEL)
        return fil


class PeriodForm(forms.Form):
    """A statistics window [fran, till].

    With ``hela_perioder=True`` (roles without participant rights, issue 17.3) only a
    whole calendar month, quarter or year is accepted: free windows one day apart would
    single out a participant by difference."""

    fran = forms.DateField(label="Från", widget=DateInput())
    till = forms.DateField(label="Till och med", widget=DateInput())

    def __init__(self, *args, hela_perioder: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.hela_perioder = hela_perioder
        if hela_perioder:
            self.fields["fran"].help_text = "Första dagen i en månad, ett kvartal eller ett år."
            self.fields["till"].help_text = "Sista dagen i samma månad, kvartal eller år."

    def clean(self):
        data = super().clean()
        fran, till = data.get("fran"), data.get("till")
        if fran and till and till < fran:
            raise ValidationError("Periodens slut kan inte vara före dess början.")
        if fran and till and self.hela_perioder and not ar_hel_period(fran, till):
            raise ValidationError(
                "Din roll kan se statistik för en hel månad, ett helt kvartal eller ett "
                "helt år (t.ex. 2013-04-01 – 2013-06-30)."
            )
        return data


def ar_hel_period(fran: datetime.date, till: datetime.date) -> bool:
    """True for a whole calendar month, calendar quarter or calendar year."""
    if fran.day != 1 or (till + datetime.timedelta(days=1)).day != 1:
        return False
    if fran.year != till.year:
        return False
    manader = till.month - fran.month + 1
    if manader == 1 or manader == 12:
        return True
    return manader == 3 and fran.month in (1, 4, 7, 10)


def period_fran_request(
    request, *, ar: int, today: datetime.date, hela_perioder: bool = False
) -> tuple[PeriodForm, datetime.date, datetime.date]:
    """The period in ?fran=&till= (default: the working year ``ar``, up to ``today`` when
    that is the current year; with ``hela_perioder`` the whole year). An invalid period
    shows its error at the form and the default period."""
    slut = datetime.date(ar, 12, 31)
    standard = {
        "fran": datetime.date(ar, 1, 1),
        "till": slut if hela_perioder else min(slut, max(today, datetime.date(ar, 1, 1))),
    }
    form = PeriodForm(request.GET or None, initial=standard, hela_perioder=hela_perioder)
    if request.GET and form.is_valid():
        return form, form.cleaned_data["fran"], form.cleaned_data["till"]
    return form, standard["fran"], standard["till"]
