"""Forms of the systemadministratör's pages (shape only; the services check the rules)."""

from django import forms

from forbund.forms import DateInput
from forbund.models import Forbund, Roll
from forbund.validators import normalisera_orgnr, validera_samordningsforbund_orgnr

_ROLLER = [("", "Välj roll …"), *Roll.choices]


class NyttForbundForm(forms.ModelForm):
    chef_epost = forms.EmailField(
        label="Förbundschefens e-postadress",
        required=False,
        help_text="Får en inbjudan som förbundschef. Kan också skickas senare.",
    )

    class Meta:
        model = Forbund
        fields = ["namn", "orgnr", "sate", "bildat", "delarsrapport_kravs", "delarsrapport_manad"]
        widgets = {"bildat": DateInput}

    def clean_orgnr(self):
        orgnr = normalisera_orgnr(self.cleaned_data["orgnr"])
        validera_samordningsforbund_orgnr(orgnr)
        return orgnr


class SystemInbjudanForm(forms.Form):
    epost = forms.EmailField(label="E-postadress")
    roll = forms.ChoiceField(label="Roll", choices=_ROLLER, initial=Roll.FORBUNDSCHEF)


class KopplaKontoForm(forms.Form):
    """The systemadministratör links an existing account by its username."""

    username = forms.CharField(label="Användarnamn", max_length=150)
    roll = forms.ChoiceField(label="Roll", choices=_ROLLER)


class StartlosenordForm(forms.Form):
    password = forms.CharField(
        label="Startlösenord",
        strip=False,
        help_text="Minst 12 tecken. Användaren måste byta det vid nästa inloggning.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
