from forbund.models import Forbund


def load(*, forbund: Forbund) -> None:
    """This app's part of the demo förbund (filled in by the app's issue)."""
