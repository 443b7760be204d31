"""Supporting documents of a verifikation."""

from django.conf import settings
from django.db import models

from .verifikation import Verifikation


def underlag_sokvag(instance: "Underlag", filename: str) -> str:
    # Under MEDIA_ROOT (never static), per förbund; the stored name is random so a
    # user's file name never decides a path.
    import uuid

    ext = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}.get(
        instance.innehallstyp, "bin"
    )
    return f"underlag/{instance.verifikation.rakenskapsar.forbund_id}/{uuid.uuid4().hex}.{ext}"


class Underlag(models.Model):
    """A supporting document (PDF or image) of a verifikation; served only through a view
    that checks the förbund. Adding one does not change the (immutable) voucher."""

    verifikation = models.ForeignKey(
        Verifikation, on_delete=models.PROTECT, related_name="underlag"
    )
    fil = models.FileField(upload_to=underlag_sokvag, max_length=255)
    filnamn = models.CharField("filnamn", max_length=255)
    innehallstyp = models.CharField("filtyp", max_length=50)
    storlek = models.PositiveIntegerField("storlek (byte)")
    sha256 = models.CharField(max_length=64)
    uppladdad = models.DateTimeField(auto_now_add=True)
    uppladdad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "underlag"
        verbose_name_plural = "underlag"
        ordering = ["uppladdad", "id"]

    def __str__(self) -> str:
        return self.filnamn
