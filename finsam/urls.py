from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter

from finsam import views
from forbund import tvafaktor
from forbund.converters import OrgnrConverter
from forbund.views import inloggning, konto

register_converter(OrgnrConverter, "orgnr")

admin.site.site_header = "Finsam – systemadministration"

urlpatterns = [
    path("", views.start, name="start"),
    path("halsa/", views.halsa, name="health"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("konto/logga-in/", inloggning.LoginView.as_view(), name="login"),
    path("konto/logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("konto/tvafaktor/", tvafaktor.verifiera, name="tvafaktor"),
    path("konto/tvafaktor/aktivera/", tvafaktor.aktivera, name="tvafaktor-aktivera"),
    path("konto/losenord/", inloggning.PasswordChangeView.as_view(), name="password_change"),
    path(
        "konto/losenord/klart/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "konto/glomt-losenord/",
        auth_views.PasswordResetView.as_view(
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "konto/glomt-losenord/skickat/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "konto/aterstall/<uidb64>/<token>/",
        inloggning.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "konto/aterstall/klart/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("konto/inbjudan/<str:token>/", konto.inbjudan, name="inbjudan"),
    path("konto/sessioner/", konto.sessioner, name="sessioner"),
    path(
        "konto/sessioner/avsluta-andra/",
        konto.sessioner_avsluta_andra,
        name="sessioner-avsluta-andra",
    ),
    path(
        "konto/sessioner/<int:inloggning>/avsluta/",
        konto.session_avsluta,
        name="session-avsluta",
    ),
    path("system/", include("finsam.system.urls")),
    path("admin/", admin.site.urls),
    path("f/<orgnr:orgnr>/", include("forbund.urls")),
    path("f/<orgnr:orgnr>/insatser/", include("insatser.urls")),
    path("f/<orgnr:orgnr>/ekonomi/", include("ekonomi.urls")),
    path("f/<orgnr:orgnr>/rapporter/", include("rapporter.urls")),
]
