"""A request over the size cap gets the app's own Swedish page, not bare text."""

from django.urls import reverse


def test_request_over_the_cap_gets_the_swedish_page_with_the_limit_and_a_way_back(
    client_as, kansli, forbund, settings
):
    settings.FINSAM_MAX_REQUEST_BYTES = 1000
    settings.FINSAM_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
    tillbaka = reverse("forbund:start", kwargs={"orgnr": forbund.orgnr})
    response = client_as(kansli).post(
        reverse("start"), {"fil": "x" * 2000}, HTTP_REFERER=f"http://testserver{tillbaka}"
    )
    assert response.status_code == 413
    assert response["Content-Type"] == "text/html; charset=utf-8"
    html = response.content.decode("utf-8")
    assert "Filen eller formuläret är för stort" in html
    assert "högst 20 MB" in html
    assert f'href="http://testserver{tillbaka}"' in html
    assert "Ã" not in html


def test_the_413_page_does_not_link_to_another_site(client_as, kansli, settings):
    settings.FINSAM_MAX_REQUEST_BYTES = 1000
    response = client_as(kansli).post(
        reverse("start"), {"fil": "x" * 2000}, HTTP_REFERER="https://example.com/"
    )
    assert 'href="/"' in response.content.decode()
    assert "example.com" not in response.content.decode()
