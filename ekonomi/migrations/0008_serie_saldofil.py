from django.db import migrations, models


class Migration(migrations.Migration):
    """Series that hold the movement vouchers of balance-only SIE files (typ 1–3)."""

    dependencies = [
        ("ekonomi", "0007_begransningar_pa_svenska"),
    ]

    operations = [
        migrations.AddField(
            model_name="serie",
            name="saldofil",
            field=models.BooleanField(default=False, verbose_name="från saldofil"),
        ),
    ]
