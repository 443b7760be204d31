"""Every existing förbund gets the default report definitions it lacks, including the
kassaflödesanalys and driftredovisning (editable since this release). The rows are a
frozen copy of ``rapporter.definitioner.STANDARD`` as of this migration."""

from django.db import migrations

# typ: (namn, [(kod, rubrik, radtyp, konton, kontotyp, formel, tecken, not), ...])
STANDARD = {
    "rr": (
        "Resultaträkning (LKBR bilaga 1)",
        [
            ("VI", "Verksamhetens intäkter", "konton", "30-39", "", "", -1, "medlem"),
            ("VK", "Verksamhetens kostnader", "konton", "40-77,79", "", "", -1, "konto"),
            ("AV", "Avskrivningar", "konton", "78", "", "", -1, ""),
            ("VN", "Verksamhetens nettokostnader", "summa", "", "", "VI+VK+AV", -1, ""),
            ("VR", "Verksamhetens resultat", "summa", "", "", "VN", -1, ""),
            ("FI", "Finansiella intäkter", "konton", "80-89", "I", "", -1, "konto"),
            ("FK", "Finansiella kostnader", "konton", "80-89", "K", "", -1, "konto"),
            ("RF", "Resultat efter finansiella poster", "summa", "", "", "VR+FI+FK", -1, ""),
            ("EX", "Extraordinära poster", "konton", "", "", "", -1, ""),
            ("AR", "Årets resultat", "summa", "", "", "RF+EX", -1, ""),
        ],
    ),
    "br": (
        "Balansräkning (LKBR bilaga 2)",
        [
            ("TI", "Tillgångar", "rubrik", "", "", "", 1, ""),
            ("AT", "Anläggningstillgångar", "konton", "10-13", "", "", 1, "konto"),
            ("OT", "Omsättningstillgångar", "rubrik", "", "", "", 1, ""),
            ("FO", "Fordringar", "konton", "14-17", "", "", 1, "konto"),
            ("KP", "Kortfristiga placeringar", "konton", "18", "", "", 1, ""),
            ("KB", "Kassa och bank", "konton", "19", "", "", 1, "konto"),
            ("SO", "Summa omsättningstillgångar", "summa", "", "", "FO+KP+KB", 1, ""),
            ("ST", "SUMMA TILLGÅNGAR", "summa", "", "", "AT+SO", 1, ""),
            ("EKS", "Eget kapital, avsättningar och skulder", "rubrik", "", "", "", -1, ""),
            ("ARE", "Årets resultat", "resultat", "", "", "", -1, ""),
            ("OEK", "Övrigt eget kapital", "konton", "20-21", "", "", -1, ""),
            ("EK", "Summa eget kapital", "summa", "", "", "ARE+OEK", -1, ""),
            ("AVS", "Avsättningar", "konton", "22", "", "", -1, "konto"),
            ("LS", "Långfristiga skulder", "konton", "23", "", "", -1, "konto"),
            ("KS", "Kortfristiga skulder", "konton", "24-29", "", "", -1, "konto"),
            ("SS", "Summa skulder", "summa", "", "", "LS+KS", -1, ""),
            (
                "SEK",
                "SUMMA EGET KAPITAL, AVSÄTTNINGAR OCH SKULDER",
                "summa",
                "",
                "",
                "EK+AVS+SS",
                -1,
                "",
            ),
        ],
    ),
    "kf": (
        "Kassaflödesanalys (indirekt metod)",
        [
            ("RL", "Den löpande verksamheten", "rubrik", "", "", "", 1, ""),
            ("AR", "Årets resultat", "resultat", "", "", "", 1, ""),
            ("AVS", "Justering för av- och nedskrivningar", "konton", "78", "", "", 1, ""),
            ("AVSA", "Justering för gjorda avsättningar", "konton", "22", "", "", -1, ""),
            (
                "FO",
                "Ökning (−) / minskning (+) av kortfristiga fordringar",
                "konton",
                "14-17",
                "",
                "",
                -1,
                "",
            ),
            (
                "KP",
                "Ökning (−) / minskning (+) av kortfristiga placeringar",
                "konton",
                "18",
                "",
                "",
                -1,
                "",
            ),
            (
                "KS",
                "Ökning (+) / minskning (−) av kortfristiga skulder",
                "konton",
                "24-29",
                "",
                "",
                -1,
                "",
            ),
            ("OV", "Övriga balansposter", "konton", "", "", "", -1, ""),
            (
                "LV",
                "Kassaflöde från den löpande verksamheten",
                "summa",
                "",
                "",
                "AR+AVS+AVSA+FO+KP+KS+OV",
                1,
                "",
            ),
            (
                "INV",
                "Kassaflöde från investeringsverksamheten",
                "konton",
                "10-13, 78",
                "",
                "",
                -1,
                "",
            ),
            (
                "FIN",
                "Kassaflöde från finansieringsverksamheten",
                "konton",
                "20-21, 23",
                "",
                "",
                -1,
                "",
            ),
            ("KF", "Årets kassaflöde", "summa", "", "", "LV+INV+FIN", 1, ""),
            ("LMB", "Likvida medel vid periodens början", "likvida_ib", "", "", "", 1, ""),
            ("LMS", "Likvida medel vid periodens slut", "likvida_ub", "", "", "", 1, ""),
        ],
    ),
    "dr": (
        "Driftredovisning",
        [
            ("rI", "Intäkter", "rubrik", "", "", "", -1, ""),
            ("I", "Intäkter", "konton", "0-9", "I", "", -1, "konto"),
            ("sI", "Summa intäkter", "summa", "", "", "I", -1, ""),
            ("rK", "Administration", "rubrik", "", "", "", -1, ""),
            ("K", "Administration", "konton", "0-9", "K", "", -1, "konto"),
            ("sK", "Summa administration", "summa", "", "", "K", -1, ""),
            ("rX", "Insatser", "rubrik", "", "", "", -1, ""),
            ("X", "Insatser", "konton", "0-9", "", "", -1, "insats"),
            ("sX", "Summa insatser", "summa", "", "", "X", -1, ""),
            ("AR", "Årets resultat", "summa", "", "", "sI+sK+sX", -1, ""),
        ],
    ),
}


def skapa(apps, schema_editor):
    Forbund = apps.get_model("forbund", "Forbund")
    Rapportdefinition = apps.get_model("rapporter", "Rapportdefinition")
    Rapportrad = apps.get_model("rapporter", "Rapportrad")
    for forbund in Forbund.objects.all():
        finns = set(
            Rapportdefinition.objects.filter(forbund=forbund).values_list("typ", flat=True)
        )
        for typ, (namn, rader) in STANDARD.items():
            if typ in finns:
                continue
            definition = Rapportdefinition.objects.create(forbund=forbund, typ=typ, namn=namn)
            Rapportrad.objects.bulk_create(
                Rapportrad(
                    definition=definition,
                    ordning=i * 10,
                    kod=kod,
                    rubrik=rubrik,
                    typ=radtyp,
                    konton=konton,
                    kontotyp=kontotyp,
                    formel=formel,
                    tecken=tecken,
                    not_typ=not_typ,
                )
                for i, (
                    kod,
                    rubrik,
                    radtyp,
                    konton,
                    kontotyp,
                    formel,
                    tecken,
                    not_typ,
                ) in enumerate(rader, start=1)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("forbund", "0001_initial"),
        ("rapporter", "0009_kassaflode_och_drift_som_definitioner"),
    ]

    operations = [migrations.RunPython(skapa, migrations.RunPython.noop)]
