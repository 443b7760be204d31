from django.urls import path

from finsam.system import views

app_name = "system"

urlpatterns = [
    path("", views.index, name="index"),
    path("forbund/nytt/", views.forbund_create, name="forbund-create"),
    path("forbund/<orgnr:orgnr>/", views.forbund_detail, name="forbund-detail"),
    path("forbund/<orgnr:orgnr>/inbjudan/", views.inbjudan_create, name="inbjudan-create"),
    path("forbund/<orgnr:orgnr>/koppla/", views.behorighet_create, name="behorighet-create"),
    path("anvandare/", views.anvandare_list, name="anvandare-list"),
    path(
        "anvandare/<int:anvandare>/tvafaktor/",
        views.tvafaktor_aterstall,
        name="tvafaktor-aterstall",
    ),
    path("anvandare/<int:anvandare>/startlosenord/", views.startlosenord, name="startlosenord"),
]
