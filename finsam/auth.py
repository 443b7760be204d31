"""Authentication backend: django-axes' lockout check, tolerant of calls without a request."""

from axes.backends import AxesStandaloneBackend


class AxesBackend(AxesStandaloneBackend):
    """Every login from the web passes its request (LoginView, admin), and is throttled.
    A call without one (Django's test client ``login()``, a script) has no client to
    throttle; it falls through to ModelBackend instead of raising."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
