"""SIE import and export pages, mounted at ``f/<orgnr>/ekonomi/sie/`` (names ``ekonomi:sie-*``)."""

from django.urls import path

from ekonomi.sie import views

urlpatterns = [
    path("", views.import_list, name="sie-import-list"),
    path("importera/", views.importera, name="sie-import"),
    path("importer/<int:pk>/", views.import_detail, name="sie-import-detail"),
    path("inlasningar/<int:jobb>/", views.jobb_detail, name="sie-jobb"),
    path("exportera/", views.exportera, name="sie-export"),
]
