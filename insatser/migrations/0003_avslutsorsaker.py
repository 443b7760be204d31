"""Seed the shared avslutsorsaker (DOMAIN.md §3, a list in real use). Förbund may edit
them or add their own; ``arbete_studier`` says which count as work or studies."""

from django.db import migrations

AVSLUTSORSAKER = [
    # kod, namn, arbete_studier
    ("ARBETE", "Arbete", True),
    ("STUDIER", "Studier", True),
    ("ARBETSSOKANDE", "Aktivt arbetssökande", False),
    ("REHAB", "Fortsatt rehabilitering", False),
    ("FLYTT", "Flyttat", False),
    ("FORALDRALEDIG", "Föräldraledighet", False),
    ("HALSA", "Försämrad hälsa/sjukdom", False),
    ("MEDGIVANDE", "Medgivande återtaget", False),
    ("UTAN_MATNING", "Utskrivning utan mätning", False),
    ("FEL", "Felregistrering", False),
]


def forward(apps, schema_editor):
    Avslutsorsak = apps.get_model("insatser", "Avslutsorsak")
    for ordning, (kod, namn, arbete_studier) in enumerate(AVSLUTSORSAKER, start=1):
        Avslutsorsak.objects.get_or_create(
            forbund=None,
            kod=kod,
            defaults={"namn": namn, "arbete_studier": arbete_studier, "ordning": ordning * 10},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("insatser", "0002_register_och_deltagare"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
