"""No stored text can add records to an SIE export (issue 17): a line break or other
control character in any text field (verifikation and row text, account, dimension and
object names, object code, the förbund's name) and a backslash before a quote or at the
end, which would escape the closing quote, are written so that every text stays inside
its own field and line. The file reads back with exactly the books' vouchers."""

import datetime

import pytest

from ekonomi import services
from ekonomi.models import Dimension, Konto, Objekt, Rakenskapsar
from ekonomi.sie.parser import Post
from tests.ekonomi.routes import objekt
from tests.sie.test_export import exportera, poster

pytestmark = pytest.mark.django_db

INJEKTION = (
    '\r\n#VER "A" 999 20240301 "inj"\r\n{\r\n#TRANS 1930 {} 5000000.00\r\n}\r\n#KONTO 9999 "x'
)

FIENTLIGA = [
    "Hyra" + INJEKTION,
    "Hyra\\",
    'Hyra\\" #VER "A" 998 20240301 "inj" ',
    "Hyra\n\x0b\x0c\x1b\x7f",
]


@pytest.mark.parametrize("text", FIENTLIGA)
def test_hostile_texts_stay_inside_their_field_and_line(forbund, text):
    o = objekt(forbund)
    ar = Rakenskapsar.objects.get(pk=o["ar"])
    Konto.objects.filter(forbund=forbund, nummer="1930").update(namn=text)
    Dimension.objects.filter(forbund=forbund, nummer=6).update(namn=text)
    Objekt.objects.filter(pk=o["objekt"]).update(namn=text)
    forbund.namn = text
    forbund.save(update_fields=["namn"])
    services.verifikation_create(
        forbund=forbund,
        datum=datetime.date(2024, 3, 1),
        text=text,
        rader=[("1930", 100, [], text), ("3511", -100, [], text)],
        user=None,
    )
    assert ar.forbund_id == forbund.pk

    data = exportera(forbund)
    rader = data.decode("cp437").splitlines()
    assert all(r[:1] in ("#", "{", "}") for r in rader if r), [
        r for r in rader if r[:1] not in ("#", "{", "}")
    ]
    ut, parser = poster(data)
    assert parser.ksumma is True
    vers = [v for v in ut if not isinstance(v, Post)]
    assert [(v.serie, v.nummer) for v in vers] == [("A", 1), ("A", 2)]
    assert [t.belopp for t in vers[1].rader] == [100, -100]
    konton = [p.falt[0] for p in ut if isinstance(p, Post) and p.etikett == "#KONTO"]
    assert "9999" not in konton
    namn = {p.falt[0]: p.falt[1] for p in ut if isinstance(p, Post) and p.etikett == "#KONTO"}
    assert namn["1930"].startswith("Hyra")
    assert vers[1].text.startswith("Hyra")
