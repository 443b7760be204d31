from io import StringIO

from django.core.management import call_command

from forbund.models import Behorighet, Forbund


def test_load_demo_twice_gives_the_same_data(db):
    call_command("load_demo", stdout=StringIO())
    forst = (Forbund.objects.count(), Behorighet.objects.count())
    call_command("load_demo", stdout=StringIO())
    assert (Forbund.objects.count(), Behorighet.objects.count()) == forst == (1, 4)


def test_demo_prints_a_login_per_role(db, capsys):

    out = StringIO()
    call_command("load_demo", stdout=out)
    text = out.getvalue()
    for username in ("kansli", "forbundschef", "styrelse", "revisor", "admin"):
        assert f"  {username} " in text
