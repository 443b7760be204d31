from pathlib import Path

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from finsam.middleware import SESSION_BYT_LOSENORD


class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True

    def form_valid(self, form):
        from forbund.services import maste_byta_losenord

        response = super().form_valid(form)
        # Checked once here; StartlosenordMiddleware then reads the session flag only.
        if maste_byta_losenord(form.get_user()):
            self.request.session[SESSION_BYT_LOSENORD] = True
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Set by SessionTimeoutMiddleware when it ended the previous session.
        orsak = self.request.session.pop("finsam_utloggad_orsak", None)
        if orsak:
            context["utloggad_orsak"] = orsak
        return context


class PasswordChangeView(auth_views.PasswordChangeView):
    """Change one's password; a start password set by someone else counts as changed."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["maste_byta"] = bool(self.request.session.get(SESSION_BYT_LOSENORD))
        return context

    def form_valid(self, form):
        from forbund.services import startlosenord_bytt

        response = super().form_valid(form)
        startlosenord_bytt(konto=form.user)
        self.request.session.pop(SESSION_BYT_LOSENORD, None)
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """ "Glömt lösenord?": the new password is the user's own, so no start password remains."""

    def form_valid(self, form):
        from forbund.services import startlosenord_bytt

        response = super().form_valid(form)
        startlosenord_bytt(konto=form.user)
        return response


def start(request):
    """Pick a förbund: straight to it when the user has one, or the one asked for; a
    systemadministratör without a förbund lands on the system pages."""
    behorigheter = list(
        request.user.behorigheter.select_related("forbund").order_by("forbund__namn")
    )
    onskat = request.GET.get("forbund")
    if onskat:
        for b in behorigheter:
            if b.forbund.orgnr == onskat:
                return redirect(b.forbund)
    if len(behorigheter) == 1:
        return redirect(behorigheter[0].forbund)
    if not behorigheter and request.user.is_superuser:
        return redirect("system:index")
    return render(request, "start.html", {"behorigheter": behorigheter})


@login_not_required
@never_cache
def halsa(request):
    """For the load balancer: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        return JsonResponse({"status": "fel", "databas": "svarar inte"}, status=503)
    return JsonResponse({"status": "ok"})


_FAVICON = Path(__file__).resolve().parent / "static" / "finsam" / "favicon.ico"


@login_not_required
def favicon(request):
    """/favicon.ico, which browsers ask for on their own: the app's small icon."""
    response = HttpResponse(_FAVICON.read_bytes(), content_type="image/x-icon")
    response["Cache-Control"] = "public, max-age=86400"
    return response
