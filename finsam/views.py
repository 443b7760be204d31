from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache


class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Set by SessionTimeoutMiddleware when it ended the previous session.
        orsak = self.request.session.pop("finsam_utloggad_orsak", None)
        if orsak:
            context["utloggad_orsak"] = orsak
        return context


def start(request):
    """Pick a förbund: straight to it when the user has one, or the one asked for."""
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
