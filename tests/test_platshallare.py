"""Empty choices in Swedish: "Välj …" in forms, "Alla" in filters, never "---------"."""

from django.urls import reverse


def test_forms_and_filters_have_no_dashes(client_as, kansli, forbund):
    client = client_as(kansli)
    o = {"orgnr": forbund.orgnr}
    formular = client.get(reverse("insatser:insats-create", kwargs=o)).content.decode()
    lista = client.get(reverse("insatser:insats-list", kwargs=o)).content.decode()
    assert "---------" not in formular and "---------" not in lista
    assert ">Välj …</option>" in formular
    assert ">Alla</option>" in lista
