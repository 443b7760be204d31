from pathlib import Path

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache


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
