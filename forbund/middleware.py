"""Request guards that need the förbund's users and roles: required two-factor login for
the roles that must use it, and the index of a user's sessions (``Inloggning``). The
guards that know no förbund (upload size, timeouts, start password) are
``finsam.middleware``."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from finsam.middleware import SESSION_INDEXERAD
from forbund.models import Inloggning
from forbund.services import inloggning_registrera
from forbund.tvafaktor import kraver_tvafaktor


class TvaFaktorMiddleware:
    """Users who must use two-factor login reach nothing but the 2FA pages, logout and the
    health check until they have given a valid TOTP code in this session."""

    OPPNA = ("tvafaktor", "tvafaktor-aktivera", "logout", "health", "login")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.FINSAM_KRAV_2FA or not request.user.is_authenticated:
            return None
        match = request.resolver_match
        if match is not None and match.view_name in self.OPPNA:
            return None
        if request.path.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return None
        if request.user.is_verified() or not kraver_tvafaktor(request.user):
            return None
        return redirect(f"{reverse('tvafaktor')}?{urlencode({'next': request.get_full_path()})}")


def indexera_session(request, user) -> None:
    """Index the request's session under ``user`` unless it already is under this key."""
    session = request.session
    if session.session_key is None:
        session.save()  # a flushed-and-refilled session gets its key now, not later
    indexerad = session.get(SESSION_INDEXERAD)
    if indexerad == session.session_key:
        return
    inloggning_registrera(
        user=user,
        session_key=session.session_key,
        gammal_nyckel=indexerad,
        ip=getattr(request, "axes_ip_address", None) or request.META.get("REMOTE_ADDR") or None,
        webblasare=request.META.get("HTTP_USER_AGENT", ""),
    )
    session[SESSION_INDEXERAD] = session.session_key


def indexera_vid_inloggning(sender, request, user, **kwargs) -> None:
    """``user_logged_in`` receiver (connected in ForbundConfig.ready): index at login."""
    if request is not None and hasattr(request, "session"):
        indexera_session(request, user)


def avindexera_vid_utloggning(sender, request, user, **kwargs) -> None:
    """``user_logged_out`` receiver: the ended session leaves the index at once (others
    that simply expire are dropped when the user's list is read)."""
    nyckel = getattr(getattr(request, "session", None), "session_key", None)
    if nyckel:
        Inloggning.objects.filter(session_key=nyckel).delete()


class SessionIndexMiddleware:
    """Keeps ``forbund.models.Inloggning`` (user → session key) current, so a user can list
    and end their own sessions. Login indexes the session (``indexera_vid_inloggning``);
    this catches a key Django rotated later (password change). Other requests compare two
    strings and write nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            indexera_session(request, user)
        return response
