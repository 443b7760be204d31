"""The shared code FEL (felregistrering) leaves the participation out of statistics."""

from django.db import migrations


def forward(apps, schema_editor):
    Avslutsorsak = apps.get_model("insatser", "Avslutsorsak")
    Avslutsorsak.objects.filter(forbund__isnull=True, kod="FEL").update(raknas=False)


class Migration(migrations.Migration):
    dependencies = [
        ("insatser", "0005_avslutsorsak_raknas"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
