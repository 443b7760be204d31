from django.urls import path

from forbund import views
from forbund.views.register import REGISTER

app_name = "forbund"

urlpatterns = [
    path("", views.start, name="start"),
    path("andra/", views.forbund_update, name="forbund-update"),
    path("logg/", views.logg, name="logg"),
    path("styrelse/", views.styrelse, name="styrelse"),
    path("arbetsar/", views.arbetsar_byt, name="arbetsar"),
    path("bilagor/<int:bilaga>/fil/", views.bilaga_fil, name="bilaga-fil"),
    path(
        "forbundsordning/<int:forbundsordning>/fil/",
        views.forbundsordning_fil,
        name="forbundsordning-fil",
    ),
    path(
        "gruppmedlemmar/<int:gruppmedlem>/ta-bort/",
        views.gruppmedlem_delete,
        name="gruppmedlem-delete",
    ),
    path("medlemsbidrag/", views.bidrag_list, name="bidrag-list"),
    path("medlemsbidrag/ny/", views.bidrag_create, name="bidrag-create"),
    path("medlemsbidrag/<int:bidragsar>/", views.bidrag_detail, name="bidrag-detail"),
    path("medlemsbidrag/<int:bidragsar>/andra/", views.bidrag_update, name="bidrag-update"),
    path("medlemsbidrag/<int:bidragsar>/underlag/", views.bidrag_underlag, name="bidrag-underlag"),
    path("anvandare/", views.anvandare_list, name="anvandare-list"),
    path("anvandare/ny/", views.anvandare_create, name="anvandare-create"),
    path("anvandare/<int:behorighet>/", views.anvandare_update, name="anvandare-update"),
    path("anvandare/<int:behorighet>/ta-bort/", views.anvandare_delete, name="anvandare-delete"),
    path(
        "anvandare/inbjudan/<int:inbjudan>/aterkalla/",
        views.inbjudan_aterkalla,
        name="inbjudan-aterkalla",
    ),
]
for _register in REGISTER:
    urlpatterns += _register.urls()
