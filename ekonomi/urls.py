from django.urls import path

from ekonomi import views

app_name = "ekonomi"

urlpatterns = [
    path("", views.index, name="index"),
]
