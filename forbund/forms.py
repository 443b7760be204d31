"""Forms check shape; the services check the domain rules (overlaps, dates, the förbund)."""

from django import forms
from django.db import models

from forbund.models import (
    Ansvarsfrihet,
    Beslut,
    Bidragsandel,
    Bidragsar,
    Bilaga,
    Forbund,
    Foregangare,
    Grupp,
    Gruppmedlem,
    Kanslitjanst,
    Medlem,
    Person,
    Revisor,
    Roll,
    Sammantrade,
    Styrelseuppdrag,
)
from forbund.validators import normalisera_orgnr, validera_samordningsforbund_orgnr


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _datumfalt(db_field: models.Field, **kwargs):
    if isinstance(db_field, models.DateField) and not isinstance(db_field, models.DateTimeField):
        kwargs["widget"] = DateInput
    return db_field.formfield(**kwargs)


class RegisterForm(forms.ModelForm):
    """A ModelForm whose choices of people, members, groups and meetings are limited to the
    förbund; dates use the browser's date picker."""

    formfield_callback = _datumfalt

    def __init__(self, *args, forbund: Forbund, **kwargs):
        super().__init__(*args, **kwargs)
        self.forbund = forbund
        querysets = {
            "person": forbund.personer.all(),
            "medlem": forbund.medlemmar.all(),
            "utsedd_av": forbund.medlemmar.all(),
            "narvarande": forbund.personer.all(),
            "grupp": forbund.grupper.all(),
            "sammantrade": forbund.sammantraden.all(),
        }
        for namn, qs in querysets.items():
            if namn in self.fields:
                self.fields[namn].queryset = qs

    def _post_clean(self):
        # Shape only: the services validate the model (full_clean, overlaps, the förbund) and
        # their errors are put next to the fields by the view.
        pass


class ForbundForm(RegisterForm):
    class Meta:
        model = Forbund
        fields = ["namn", "orgnr", "sate", "bildat", "delarsrapport_kravs", "delarsrapport_manad"]

    def clean_orgnr(self):
        orgnr = normalisera_orgnr(self.cleaned_data["orgnr"])
        validera_samordningsforbund_orgnr(orgnr)
        return orgnr


class ForbundsordningForm(forms.Form):
    giltig_fran = forms.DateField(label="Gäller från", widget=DateInput)
    beskrivning = forms.CharField(label="Beskrivning", max_length=300, required=False)
    fil = forms.FileField(label="Dokument (PDF, högst 10 MB)")

    def __init__(self, *args, forbund: Forbund, **kwargs):
        super().__init__(*args, **kwargs)
        self.forbund = forbund


class ForegangareForm(RegisterForm):
    class Meta:
        model = Foregangare
        fields = ["namn", "orgnr", "bildat", "upphorde", "beskrivning"]


class MedlemForm(RegisterForm):
    class Meta:
        model = Medlem
        fields = ["namn", "typ", "from_datum", "tom_datum", "intaktskonton"]
        help_texts = {"intaktskonton": "Kontonummer, flera åtskilda med komma (t.ex. 3511)."}


class PersonForm(RegisterForm):
    class Meta:
        model = Person
        fields = ["namn", "titel", "parti", "epost"]


class UppdragForm(RegisterForm):
    class Meta:
        model = Styrelseuppdrag
        fields = ["person", "medlem", "typ", "presidium", "from_datum", "tom_datum"]


class RevisorForm(RegisterForm):
    class Meta:
        model = Revisor
        fields = ["person", "utsedd_av", "firma", "auktoriserad", "from_datum", "tom_datum"]
        widgets = {"utsedd_av": forms.CheckboxSelectMultiple}
        help_texts = {"auktoriserad": "Annars förtroendevald revisor."}


class KansliForm(RegisterForm):
    tjanstgoringsgrad = forms.IntegerField(
        label="Tjänstgöringsgrad (%)", min_value=1, max_value=100, initial=100
    )

    class Meta:
        model = Kanslitjanst
        fields = ["person", "roll", "arbetsgivare", "tjanstgoringsgrad", "from_datum", "tom_datum"]


class GruppForm(RegisterForm):
    class Meta:
        model = Grupp
        fields = ["namn", "typ", "beskrivning", "from_datum", "tom_datum"]


class GruppmedlemForm(RegisterForm):
    class Meta:
        model = Gruppmedlem
        fields = ["grupp", "person", "organisation", "roll", "from_datum", "tom_datum"]


class SammantradeForm(RegisterForm):
    class Meta:
        model = Sammantrade
        fields = ["datum", "typ", "protokollnummer", "narvarande"]
        widgets = {"narvarande": forms.CheckboxSelectMultiple}


class BeslutForm(RegisterForm):
    class Meta:
        model = Beslut
        fields = [
            "sammantrade",
            "paragraf",
            "rubrik",
            "text",
            "typ",
            "belopp",
            "from_ar",
            "tom_ar",
        ]
        help_texts = {"belopp": "För finansiering av insats: beviljat belopp i kronor."}


class BilagaForm(RegisterForm):
    class Meta:
        model = Bilaga
        fields = ["sammantrade", "typ", "fil"]
        help_texts = {"fil": "PDF, högst 10 MB."}


class AnsvarsfrihetForm(RegisterForm):
    class Meta:
        model = Ansvarsfrihet
        fields = [
            "medlem",
            "ar",
            "revisionsberattelse_datum",
            "revisionsberattelse",
            "beslut",
            "beslutsdatum",
            "beslutsorgan",
            "paragraf",
            "kommentar",
        ]


class BidragsarForm(forms.Form):
    ar = forms.IntegerField(label="År", min_value=2004, max_value=2100)
    statlig_tilldelning = forms.IntegerField(
        label="Statens tilldelning (kr)",
        min_value=0,
        required=False,
        help_text="Staten betalar hälften; region(er) och kommuner en fjärdedel var.",
    )
    totalt = forms.IntegerField(
        label="Eller: total budgetram (kr)",
        min_value=0,
        required=False,
        help_text="Två gånger statens tilldelning.",
    )
    nyckel_kommuner = forms.ChoiceField(
        label="Nyckel för kommunernas fjärdedel", choices=Bidragsar.Nyckel.choices
    )
    nyckel_regioner = forms.ChoiceField(
        label="Nyckel för regionernas fjärdedel",
        choices=Bidragsar.Nyckel.choices,
        initial=Bidragsar.Nyckel.BEFOLKNING,
        help_text="Används bara när flera regioner är medlemmar.",
    )
    vikt_befolkning = forms.DecimalField(
        label="Andel befolkning i viktad nyckel (%)",
        min_value=0,
        max_value=100,
        decimal_places=2,
        initial=25,
        help_text="Resten viktas efter försörjningsmått.",
    )

    def __init__(self, *args, forbund: Forbund, andra: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.forbund = forbund
        if andra:
            del self.fields["ar"]

    def clean(self):
        data = super().clean()
        s, t = data.get("statlig_tilldelning"), data.get("totalt")
        if s is None and t is None:
            self.add_error("statlig_tilldelning", "Ange statens tilldelning eller totalen.")
        elif s is not None and t is not None:
            self.add_error("totalt", "Ange antingen statens tilldelning eller totalen, inte båda.")
        return data


class UnderlagForm(forms.ModelForm):
    """One member's basis; which fields are needed depends on the year's key."""

    class Meta:
        model = Bidragsandel
        fields = ["befolkning", "forsorjningsmatt", "fast_andel"]

    def __init__(self, *args, kravs: tuple[str, ...] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.kravs = kravs
        if self.instance.medlem_id:
            for falt in self.fields.values():
                falt.label = f"{falt.label} – {self.instance.medlem}"

    def clean(self):
        data = super().clean()
        for falt in self.kravs:
            if data.get(falt) is None and falt not in self.errors:
                self.add_error(falt, "Behövs för årets fördelningsnyckel.")
        return data


class InbjudanForm(forms.Form):
    """The förbundschef invites someone by e-mail (new or existing account alike)."""

    epost = forms.EmailField(
        label="E-postadress",
        help_text="Personen får en länk som gäller en gång och en begränsad tid.",
    )
    roll = forms.ChoiceField(label="Roll", choices=[("", "Välj roll …"), *Roll.choices])

    def __init__(self, *args, forbund: Forbund | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.forbund = forbund


class NyttKontoForm(forms.Form):
    """Whoever follows an invitation link chooses a username and a password."""

    username = forms.CharField(
        label="Användarnamn",
        max_length=150,
        help_text="Bokstäver, siffror och @ . + - _ (till exempel din e-postadress).",
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    first_name = forms.CharField(label="Förnamn", max_length=150, required=False)
    last_name = forms.CharField(label="Efternamn", max_length=150, required=False)
    password1 = forms.CharField(
        label="Lösenord",
        strip=False,
        help_text="Minst 12 tecken, inte ett vanligt lösenord och inte bara siffror.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label="Lösenord igen",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("password1")
            and data.get("password2")
            and data["password1"] != data["password2"]
        ):
            self.add_error("password2", "Lösenorden är inte lika.")
        return data


class BehorighetForm(forms.Form):
    roll = forms.ChoiceField(label="Roll", choices=Roll.choices)

    def __init__(self, *args, forbund: Forbund, **kwargs):
        super().__init__(*args, **kwargs)
        self.forbund = forbund
