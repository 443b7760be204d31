"""Issue 17.3, as a property: for any set of participants, protected statistics over any
two whole periods (months, quarters, the year) show figures that differ by 0 or by at
least the rounding base, and carry no exact count under the threshold, hidden or shown
(docs/SECURITY.md, V14). What this does not cover (many windows combined linearly) is
stated there."""

import contextlib
import datetime

import pytest
from django.conf import settings
from django.db import transaction

pytest.importorskip("hypothesis", reason='hypothesis saknas: pip install -e ".[dev]"')

from hypothesis import given  # noqa: E402
from hypothesis import settings as hsettings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from insatser.selectors import deltagarstatistik  # noqa: E402
from tests.insatser.conftest import deltagare  # noqa: E402

D = datetime.date
pytestmark = pytest.mark.django_db

# The whole periods a role without participant rights may choose in 2019.
FONSTER = (
    [(D(2019, m, 1), D(2019, m + 1, 1) - datetime.timedelta(days=1)) for m in range(1, 12)]
    + [(D(2019, 12, 1), D(2019, 12, 31))]
    + [(D(2019, 1, 1), D(2019, 3, 31)), (D(2019, 4, 1), D(2019, 6, 30))]
    + [(D(2019, 7, 1), D(2019, 9, 30)), (D(2019, 10, 1), D(2019, 12, 31))]
    + [(D(2019, 1, 1), D(2019, 12, 31))]
)

en_deltagare = st.tuples(
    st.dates(D(2018, 10, 1), D(2019, 12, 31)),  # start
    st.one_of(st.none(), st.integers(0, 300)),  # days until the end, or still active
    st.sampled_from(["K", "M", "A"]),
    st.sampled_from(["16-19", "20-24", "30-39", "60-64"]),
)


@contextlib.contextmanager
def exempel():
    """One example's own rollback inside the test's transaction."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def _visat(stat) -> dict:
    """Every figure the page and export show, by a stable key → the ``Tal``."""
    tal = {
        namn: getattr(stat, namn)
        for namn in (
            "totalt",
            "aktuella_vid_start",
            "nya",
            "avslutade",
            "pagaende_vid_slut",
            "anonyma",
            "arbete_studier",
        )
    }
    for grupp in ("per_kon", "per_aldersgrupp", "per_remitterande", "per_avslutsorsak"):
        tal |= {(grupp, r.etikett): r.tal for r in getattr(stat, grupp)}
    for r in stat.forsorjning:
        tal |= {("start", r.etikett): r.vid_start, ("slut", r.etikett): r.vid_slut}
    return tal


@hsettings(max_examples=25)
@given(
    personer=st.lists(en_deltagare, min_size=1, max_size=14),
    fonster=st.lists(st.sampled_from(FONSTER), min_size=2, max_size=2, unique=True),
)
def test_any_two_protected_windows_differ_by_zero_or_at_least_the_base(
    forbund, kansli, insats, orsaker, personer, fonster
):
    bas, grans = settings.FINSAM_AVRUNDNINGSBAS, settings.FINSAM_SMA_CELLER
    orsak = next(iter(orsaker.values()))
    with exempel():
        for i, (start, dagar, kon, alder) in enumerate(personer):
            slut = start + datetime.timedelta(days=dagar) if dagar is not None else None
            deltagare(
                kansli,
                insats,
                f"P{i:02}",
                start=start,
                slut=slut,
                orsak=orsak if slut else None,
                kon=kon,
                aldersgrupp=alder,
            )
        visat = [
            _visat(
                deltagarstatistik(
                    forbund=forbund, insats=insats, fran=fran, till=till, skyddad=True
                )
            )
            for fran, till in fonster
        ]
    for figurer in visat:
        for nyckel, t in figurer.items():
            if t.dold:
                assert t.antal == 0, nyckel  # nothing exact behind "<5" or ".."
            else:
                assert t.antal % bas == 0, (nyckel, t.antal)
                assert t.antal == 0 or t.antal >= grans, (nyckel, t.antal)
    a, b = visat
    for nyckel in set(a) & set(b):
        if not a[nyckel].dold and not b[nyckel].dold:
            skillnad = abs(a[nyckel].antal - b[nyckel].antal)
            assert skillnad == 0 or skillnad >= bas, (nyckel, a[nyckel], b[nyckel])
