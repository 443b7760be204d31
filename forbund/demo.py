import datetime

from django.contrib.auth import get_user_model

from forbund.models import Behorighet, Forbund, Medlem, Roll

DEMO_ORGNR = "222000-1024"  # a valid-looking number for the demo förbund (not the real one)
ANDRA_ORGNR = "222000-1032"

MEDLEMMAR = [
    ("Försäkringskassan", Medlem.Typ.FORSAKRINGSKASSAN),
    ("Arbetsförmedlingen", Medlem.Typ.ARBETSFORMEDLINGEN),
    ("Region Skåne", Medlem.Typ.REGION),
    ("Helsingborgs stad", Medlem.Typ.KOMMUN),
]

ANVANDARE = [
    ("kansli", "Karin", "Kanslisson", Roll.KANSLI),
    ("forbundschef", "Fredrik", "Förbundschefsson", Roll.FORBUNDSCHEF),
    ("styrelse", "Christian", "Orsing", Roll.STYRELSE),
    ("revisor", "Johan", "Rasmusson", Roll.REVISOR),
]


def load(*, losenord: str) -> tuple[Forbund, list[tuple[str, str]]]:
    forbund, _ = Forbund.objects.update_or_create(
        orgnr=DEMO_ORGNR,
        defaults={
            "namn": "Samordningsförbundet Finsam i Helsingborg",
            "sate": "Helsingborg",
            "bildat": datetime.date(2009, 7, 1),
        },
    )
    for namn, typ in MEDLEMMAR:
        Medlem.objects.update_or_create(
            forbund=forbund,
            namn=namn,
            defaults={"typ": typ, "from_datum": datetime.date(2009, 7, 1)},
        )
    User = get_user_model()
    inloggningar = []
    for username, first, last, roll in ANVANDARE:
        user, _ = User.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last}
        )
        user.set_password(losenord)
        user.save()
        Behorighet.objects.update_or_create(user=user, forbund=forbund, defaults={"roll": roll})
        inloggningar.append((username, f"{Roll(roll).label} i {forbund.namn}"))
    admin, _ = User.objects.get_or_create(
        username="admin", defaults={"is_staff": True, "is_superuser": True}
    )
    admin.set_password(losenord)
    admin.save()
    inloggningar.append(("admin", "systemadministratör"))
    return forbund, inloggningar
