from django.db import migrations, models


def fyll_ar(apps, schema_editor):
    """Existing monthly rows: the month's first occurrence in its räkenskapsår."""
    Budgetrad = apps.get_model("ekonomi", "Budgetrad")
    rader = Budgetrad.objects.filter(manad__isnull=False, ar__isnull=True).select_related(
        "version__rakenskapsar"
    )
    andrade = []
    for rad in rader.iterator(chunk_size=2000):
        start = rad.version.rakenskapsar.start
        rad.ar = start.year if rad.manad >= start.month else start.year + 1
        andrade.append(rad)
        if len(andrade) >= 2000:
            Budgetrad.objects.bulk_update(andrade, ["ar"])
            andrade = []
    Budgetrad.objects.bulk_update(andrade, ["ar"])


class Migration(migrations.Migration):
    """Budget rows keep the year of their month (a räkenskapsår may be 18 months long)."""

    dependencies = [
        ("ekonomi", "0008_serie_saldofil"),
    ]

    operations = [
        migrations.AddField(
            model_name="budgetrad",
            name="ar",
            field=models.PositiveSmallIntegerField(
                blank=True, null=True, verbose_name="månadens år"
            ),
        ),
        migrations.RunPython(fyll_ar, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="budgetrad",
            constraint=models.CheckConstraint(
                condition=models.Q(("ar__isnull", True), ("manad__isnull", False), _connector="OR"),
                name="budget_ar_med_manad",
                violation_error_message="Året anges bara tillsammans med en månad.",
            ),
        ),
    ]
