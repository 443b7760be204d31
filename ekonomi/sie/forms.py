from django import forms
from django.conf import settings

from ekonomi.models import Rakenskapsar


class SieImportForm(forms.Form):
    fil = forms.FileField(
        label="SIE-fil",
        help_text="SIE typ 1–4 (E eller I), t.ex. en export från kommunens ekonomisystem.",
    )
    dry_run = forms.BooleanField(
        label="Provkör: kontrollera filen och visa vad som skulle läsas in, men spara inget",
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
