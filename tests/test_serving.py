"""Production serving: hashed, compressed static files from the app (whitenoise), and the
health check a load balancer polls."""

import re

from django.core.management import call_command
from django.test import Client
from django.urls import reverse


def test_collectstatic_and_whitenoise_serve_hashed_compressed_files(settings, tmp_path, db):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    assert (settings.STATIC_ROOT / "staticfiles.json").exists()

    client = Client()  # a new handler: whitenoise scans the fresh STATIC_ROOT
    html = client.get(reverse("login")).content.decode()
    css = re.search(r'href="(/static/finsam/finsam\.[0-9a-f]{12}\.css)"', html)
    assert css, "the page links the hashed stylesheet"
    response = client.get(css.group(1), HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "max-age=315360000" in response["Cache-Control"]


def test_health_check_answers_without_login(client, db):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_server_error_page_is_swedish_and_shows_nothing_technical(db):
    from django.test import RequestFactory
    from django.views.defaults import server_error

    response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Något gick fel" in html
    assert "Traceback" not in html
