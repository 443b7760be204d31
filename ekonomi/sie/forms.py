from django import forms
from django.conf import settings

from ekonomi.models import Rakenskapsar
from ekonomi.sie.huvud import STANDARDSERIE
from ekonomi.sie.parser import SERIE_MAX


class SieImportForm(forms.Form):
    fil = forms.FileField(
        label="SIE-fil",
        help_text="SIE typ 1–4 (E eller I), t.ex. en export från kommunens ekonomisystem.",
    )
    dry_run = forms.BooleanField(
        label="Provkör: kontrollera filen och visa vad som skulle läsas in, men spara inget",
        required=False,
    )
    standardserie = forms.CharField(
        label="Serie för verifikationer utan serie",
        max_length=SERIE_MAX,
        initial=STANDARDSERIE,
        required=False,
        help_text="Lön-, anläggnings- och kassasystem skriver ofta verifikationer utan serie "
        "(typ 4I); de får nästa lediga nummer i den här serien.",
    )
    bekrafta = forms.BooleanField(
        label="Filen är märkt som redan inläst (#FLAGGA 1): jag har kontrollerat att dess "
        "verifikationer utan nummer inte redan finns i bokföringen",
        required=False,
    )

    def clean_fil(self):
        fil = self.cleaned_data["fil"]
        if fil.size > settings.FINSAM_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"Filen är för stor ({fil.size} byte); högst "
                f"{settings.FINSAM_MAX_UPLOAD_BYTES} byte."
            )
        if fil.size == 0:
            raise forms.ValidationError("Filen är tom.")
        return fil

    def clean_standardserie(self):
        return self.cleaned_data["standardserie"].strip() or STANDARDSERIE


class SieExportForm(forms.Form):
    ar = forms.ModelChoiceField(label="Räkenskapsår", queryset=Rakenskapsar.objects.none())
    typ = forms.TypedChoiceField(
        label="SIE-typ",
        coerce=int,
        initial=4,
        choices=[
            (4, "Typ 4 – saldon, objekt och verifikationer"),
            (3, "Typ 3 – saldon per konto och objekt"),
            (2, "Typ 2 – saldon och budget"),
            (1, "Typ 1 – årssaldon"),
        ],
    )

    def __init__(self, *args, forbund, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ar"].queryset = forbund.rakenskapsar.order_by("-start")
