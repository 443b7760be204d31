"""Authentication: django-axes' lockout check, tolerant of calls without a request, and
the lockout rule per username+IP *and* per IP across usernames (password spraying)."""

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum


class AxesBackend(AxesStandaloneBackend):
    """Every login from the web passes its request (LoginView, admin), and is throttled.
    A call without one (Django's test client ``login()``, a script) has no client to
    throttle; it falls through to ModelBackend instead of raising."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class AxesHandler(AxesDatabaseHandler):
    """Two limits instead of axes' one.

    ``AXES_LOCKOUT_PARAMETERS`` is ``[["username", "ip_address"], "ip_address"]``: failures
    of one username from one IP lock that pair at ``AXES_FAILURE_LIMIT`` (5), as before;
    failures from one IP summed over *all* usernames lock the IP at
    ``FINSAM_AXES_IP_FAILURE_LIMIT`` (20), which stops password spraying (one or two
    guesses at each of many usernames) without locking an office that shares an address
    the moment one user mistypes. Both counts cover the cool-off window only.

    A successful login clears only that username's failures from that IP: otherwise an
    attacker with one valid account could wipe the IP's count between sprays.
    """

    def get_failures(self, request, credentials=None) -> int:
        per_anvandare, per_ip = (
            qs.aggregate(n=Sum("failures_since_start"))["n"] or 0
            for qs in self.get_user_attempts(request, credentials)
        )
        if per_ip >= settings.FINSAM_AXES_IP_FAILURE_LIMIT:
            # Report the IP as at the (lower) per-user limit: axes then locks every
            # username from this address.
            return max(per_anvandare, settings.AXES_FAILURE_LIMIT)
        return per_anvandare

    def reset_user_attempts(self, request, credentials=None) -> int:
        anvandare_ip = self.filter_user_attempts(request, credentials)[0]
        antal, _ = anvandare_ip.delete()
        return antal
