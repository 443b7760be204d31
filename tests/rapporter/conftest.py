import pytest


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Stored report PDFs go to a temporary MEDIA_ROOT in these tests."""
    settings.MEDIA_ROOT = tmp_path / "media"
