from django.contrib import admin

from insatser.models import Avslutsorsak


@admin.register(Avslutsorsak)
class AvslutsorsakAdmin(admin.ModelAdmin):
    list_display = ["kod", "namn", "arbete_studier", "raknas", "forbund", "aktiv", "ordning"]
    list_filter = ["arbete_studier", "aktiv", "forbund"]
    search_fields = ["kod", "namn"]
