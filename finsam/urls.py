from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter

from finsam import tvafaktor, views
from forbund.converters import OrgnrConverter

register_converter(OrgnrConverter, "orgnr")

admin.site.site_header = "Finsam – systemadministration"

urlpatterns = [
    path("", views.start, name="start"),
    path("halsa/", views.halsa, name="health"),
    path("konto/logga-in/", views.LoginView.as_view(), name="login"),
    path("konto/logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("konto/tvafaktor/", tvafaktor.verifiera, name="tvafaktor"),
    path("konto/tvafaktor/aktivera/", tvafaktor.aktivera, name="tvafaktor-aktivera"),
    path(
        "konto/losenord/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "konto/losenord/klart/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("admin/", admin.site.urls),
    path("f/<orgnr:orgnr>/", include("forbund.urls")),
    path("f/<orgnr:orgnr>/insatser/", include("insatser.urls")),
    path("f/<orgnr:orgnr>/ekonomi/", include("ekonomi.urls")),
    path("f/<orgnr:orgnr>/rapporter/", include("rapporter.urls")),
]
