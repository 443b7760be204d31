from django.urls import path

from rapporter import views
from rapporter.views import berattelse, onboarding

app_name = "rapporter"

urlpatterns = [
    path("", views.index, name="index"),
    # ?format=html (default) | pdf | json on each report
    path("arsredovisning/<int:ar>/", views.arsredovisning, name="arsredovisning"),
    path("delarsrapport/<int:ar>/", views.delarsrapport, name="delarsrapport"),
    path("verksamhetsplan/<int:ar>/", views.verksamhetsplan, name="verksamhetsplan"),
    *[
        path(
            f"arsredovisning/<int:ar>/{vilken}/",
            views.rakning,
            {"vilken": vilken},
            name=vilken,
        )
        for vilken in views.RAKNINGAR
    ],
    path("faststall/", views.faststall, name="faststall"),
    path("ej-tillampligt/", views.ej_tillampligt, name="ej-tillampligt"),
    path(
        "faststall/<int:ar>/bekrafta/",
        berattelse.faststall_bekrafta,
        name="faststall-bekrafta",
    ),
    path("faststalld/<int:rapport_pk>/pdf/", views.rapport_pdf, name="rapport-pdf"),
    path(
        "faststalld/<int:rapport_pk>/pdf/igen/",
        berattelse.rapport_pdf_igen,
        name="rapport-pdf-igen",
    ),
    path("pdf/", views.pdf_bestall, name="pdf-bestall"),
    path("pdf/<int:bestallning>/", views.pdf_bestallning, name="pdf-bestallning"),
    path("pdf/<int:bestallning>/fil/", views.pdf_bestallning_fil, name="pdf-bestallning-fil"),
    path("definitioner/", views.definitioner, name="definitioner"),
    path("definitioner/<int:pk>/", views.definition_redigera, name="definition-redigera"),
    path("installningar/", views.installningar, name="installningar"),
    path("berattelse/<str:rapport>/<int:ar>/", berattelse.berattelse, name="berattelse"),
    path("prognos/<int:ar>/", views.prognos, name="prognos"),
    path("kom-igang/", onboarding.onboarding_vy, name="onboarding"),
    path("avsnitt/", berattelse.avsnitt, name="avsnitt"),
]
