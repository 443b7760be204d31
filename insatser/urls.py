from django.urls import path

from insatser import views

app_name = "insatser"

urlpatterns = [
    path("", views.insats_list, name="insats-list"),
    path("ny/", views.insats_create, name="insats-create"),
    path("statistik/", views.forbund_statistik, name="statistik"),
    path("uppfoljning-finsam.csv", views.uppfoljning_export, name="uppfoljning-export"),
    path("avslutsorsaker/", views.avslutsorsak_list, name="avslutsorsak-list"),
    path("avslutsorsaker/ny/", views.avslutsorsak_create, name="avslutsorsak-create"),
    path(
        "avslutsorsaker/<int:avslutsorsak>/",
        views.avslutsorsak_update,
        name="avslutsorsak-update",
    ),
    path("mal/<int:ar>/", views.forbundsmal_list, name="forbundsmal-list"),
    path("mal/<int:ar>/nytt/", views.forbundsmal_create, name="forbundsmal-create"),
    path("mal/<int:ar>/kopiera/", views.forbundsmal_kopiera, name="forbundsmal-kopiera"),
    path("mal/<int:ar>/uppfoljning/", views.malutfall, name="malutfall"),
    path("mal/<int:ar>/<int:mal>/", views.forbundsmal_update, name="forbundsmal-update"),
    path("mal/<int:ar>/<int:mal>/ta-bort/", views.forbundsmal_delete, name="forbundsmal-delete"),
    path("<int:pk>/", views.insats_detail, name="insats-detail"),
    path("<int:pk>/andra/", views.insats_update, name="insats-update"),
    path("<int:pk>/status/", views.insats_status, name="insats-status"),
    path("<int:pk>/mal/", views.mal_create, name="mal-create"),
    path("<int:pk>/medel/", views.medel_create, name="medel-create"),
    path("<int:pk>/utvardering/", views.utvardering_create, name="utvardering-create"),
    path(
        "<int:pk>/utvardering/<int:utvardering>/rapport/",
        views.utvardering_fil,
        name="utvardering-fil",
    ),
    path("<int:pk>/struktur/", views.strukturaktivitet_create, name="strukturaktivitet-create"),
    path("<int:pk>/statistik/", views.insats_statistik, name="insats-statistik"),
    path("<int:pk>/anonyma/", views.anonyma_create, name="anonyma-create"),
    path("<int:pk>/deltagare/", views.deltagare_list, name="deltagare-list"),
    path("<int:pk>/deltagare/ny/", views.deltagare_create, name="deltagare-create"),
    path("<int:pk>/deltagare/flera/", views.deltagare_registrera, name="deltagare-registrera"),
    path("<int:pk>/deltagare/avsluta/", views.deltagare_avsluta, name="deltagare-avsluta"),
    path("<int:pk>/deltagare/import/", views.deltagare_import, name="deltagare-import"),
    path("deltagare/<int:deltagande>/", views.deltagare_update, name="deltagare-update"),
    path(
        "deltagare/<int:deltagande>/samtycke-atertaget/",
        views.deltagare_samtycke,
        name="deltagare-samtycke",
    ),
]
