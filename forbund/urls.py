from django.urls import path

from forbund import views

app_name = "forbund"

urlpatterns = [
    path("", views.start, name="start"),
    path("logg/", views.logg, name="logg"),
]
