"""Cross-cutting request guards: upload size, session timeouts, start password, invalid
characters (two-factor login and the session index need the förbund's users and roles:
``forbund.middleware``)."""

import logging
import time

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

logger = logging.getLogger("finsam.security")

SESSION_INLOGGAD = "finsam_inloggad"
SESSION_SENAST_AKTIV = "finsam_senast_aktiv"
# Writing the session on every request would cost one UPDATE per page view; a minute's
# resolution is plenty for a 30-minute idle limit.
_AKTIVITET_UPPLOSNING = 60


class UploadLimitMiddleware:
    """Refuse a request body larger than FINSAM_MAX_REQUEST_BYTES (413) before it is read.

    DATA_UPLOAD_MAX_MEMORY_SIZE does not cover file uploads; this does, for every view. The
    cap sits a little above FINSAM_MAX_UPLOAD_BYTES so that an ordinary too-large file
    reaches its form and gets a message next to the field; only abuse meets the 413.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            langd = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponse("Ogiltig Content-Length.", status=400)
        if langd > settings.FINSAM_MAX_REQUEST_BYTES:
            logger.warning("Avvisade för stor begäran: %s byte till %s", langd, request.path)
            return for_stor_begaran(request)
        return self.get_response(request)


def _megabyte(antal_byte: int) -> str:
    """Bytes as whole megabytes (MiB) in Swedish, rounded down: 20971520 → "20 MB"."""
    return f"{antal_byte // (1024 * 1024)} MB"


def for_stor_begaran(request) -> HttpResponse:
    """The app's own Swedish 413 page (UTF-8): the limit and a way back to the page the
    form was on (the Referer, when it is this site) or to the start page."""
    tillbaka = request.META.get("HTTP_REFERER", "")
    if not url_has_allowed_host_and_scheme(
        tillbaka, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        tillbaka = reverse("start")
    html = render_to_string(
        "413.html",
        {
            "grans": _megabyte(settings.FINSAM_MAX_UPLOAD_BYTES),
            "tillbaka": tillbaka,
        },
        request=request,
    )
    return HttpResponse(html, status=413, content_type="text/html; charset=utf-8")


class SessionTimeoutMiddleware:
    """Log out after FINSAM_SESSION_IDLE_SECONDS without a request, and in any case
    SESSION_COOKIE_AGE after login (the session's own expiry is pushed forward each time it
    is saved, so the absolute limit is kept here, counted from the login)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            nu = int(time.time())
            session = request.session
            inloggad = session.get(SESSION_INLOGGAD)
            senast = session.get(SESSION_SENAST_AKTIV)
            if inloggad is None:
                session[SESSION_INLOGGAD] = nu
                inloggad = nu
            if senast is None:
                senast = nu
            if nu - senast > settings.FINSAM_SESSION_IDLE_SECONDS:
                self._logga_ut(request, "inaktivitet")
            elif nu - inloggad > settings.SESSION_COOKIE_AGE:
                self._logga_ut(request, "maximal sessionstid")
            elif nu - senast >= _AKTIVITET_UPPLOSNING or SESSION_SENAST_AKTIV not in session:
                session[SESSION_SENAST_AKTIV] = nu
        response = self.get_response(request)
        # Pages behind the login hold personal and financial data: never kept by the
        # browser or a proxy (shared computers, the back button after logout).
        if request.user.is_authenticated and not response.has_header("Cache-Control"):
            response["Cache-Control"] = "private, no-store"
        return response

    @staticmethod
    def _logga_ut(request, orsak: str) -> None:
        logger.info("Session avslutad (%s) för användare %s", orsak, request.user.pk)
        logout(request)
        # The next middleware (LoginRequiredMiddleware) sends the anonymous user to login.
        request.session["finsam_utloggad_orsak"] = orsak


SESSION_BYT_LOSENORD = "finsam_byt_losenord"
SESSION_INDEXERAD = "finsam_indexerad_nyckel"


class StartlosenordMiddleware:
    """A user whose password was set by someone else reaches nothing but the password
    change (and logout, 2FA) until they have chosen their own. The login view sets the
    session flag when such a user logs in, so ordinary requests cost no query."""

    OPPNA = (
        "password_change",
        "password_change_done",
        "logout",
        "login",
        "health",
        "tvafaktor",
        "tvafaktor-aktivera",
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated or not request.session.get(SESSION_BYT_LOSENORD):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in self.OPPNA:
            return None
        return redirect(reverse("password_change"))


class OgiltigaTeckenMiddleware:
    """Refuse a request whose query string or form fields contain a NUL character (400).

    No field of Finsam can hold one, PostgreSQL refuses it in any string (a 500 in the
    middle of a view), and SQLite would store it silently. One guard for every list,
    filter and form instead of a check in each (issue 17.8)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or _har_nul(request.GET):
            return _ogiltiga_tecken(request)
        if (
            request.method == "POST"
            and request.content_type
            in (
                "application/x-www-form-urlencoded",
                "multipart/form-data",
            )
            and _har_nul(request.POST)
        ):
            return _ogiltiga_tecken(request)
        return self.get_response(request)


def _har_nul(data) -> bool:
    return any("\x00" in k or any("\x00" in v for v in vs) for k, vs in data.lists())


def _ogiltiga_tecken(request):
    return render(
        request,
        "400.html",
        {"meddelande": "Ogiltigt tecken (NUL) i adressen eller formuläret."},
        status=400,
    )
