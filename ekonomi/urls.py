from django.urls import include, path

from ekonomi import views

app_name = "ekonomi"

urlpatterns = [
    path("", views.index, name="index"),
    path("sie/", include("ekonomi.sie.urls")),
]
