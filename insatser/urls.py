from django.urls import path

from insatser import views

app_name = "insatser"

urlpatterns = [
    path("", views.insats_list, name="insats-list"),
    path("<int:pk>/", views.insats_detail, name="insats-detail"),
]
