import datetime

import pytest

from ekonomi import services
from ekonomi.models import Dimension, Objekt

D = datetime.date


@pytest.fixture
def kontoplan(forbund):
    services.kontoplan_skapa_standard(forbund=forbund)
    return {k.nummer: k for k in forbund.konton.all()}


@pytest.fixture
def ar(forbund, kontoplan, forbundschef):
    return services.rakenskapsar_skapa(
        forbund=forbund, start=D(2024, 1, 1), slut=D(2024, 12, 31), user=forbundschef
    )


@pytest.fixture
def projekt(forbund, kontoplan):
    dim = Dimension.objects.get(forbund=forbund, nummer=Dimension.PROJEKT)
    return Objekt.objects.create(dimension=dim, kod="GPS", namn="GPS – Navigera rätt")


@pytest.fixture
def bokfor(forbund, kansli):
    """``bokfor(datum, [(konto, öre), ...])`` → a posted voucher."""

    def _bokfor(datum, rader, text="Test", serie="A", **kwargs):
        return services.verifikation_create(
            forbund=forbund,
            datum=datum,
            text=text,
            rader=rader,
            serie=serie,
            user=kansli,
            **kwargs,
        )

    return _bokfor
