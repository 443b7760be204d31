"""Systemadministration: förbund and who belongs to them. Everything else is entered in the
förbund's own pages, where roles and the audit trail apply."""

from django.contrib import admin

from forbund import services
from forbund.models import Behorighet, Forbund, Logghandelse


class BehorighetInline(admin.TabularInline):
    model = Behorighet
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Forbund)
class ForbundAdmin(admin.ModelAdmin):
    list_display = ["namn", "orgnr", "sate", "bildat"]
    search_fields = ["namn", "orgnr"]
    inlines = [BehorighetInline]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        # A new förbund goes through the service: orgnr rule, standard chart, audit row.
        skapat = services.forbund_create(
            user=request.user,
            namn=obj.namn,
            orgnr=obj.orgnr,
            sate=obj.sate,
            bildat=obj.bildat,
            delarsrapport_kravs=obj.delarsrapport_kravs,
            delarsrapport_manad=obj.delarsrapport_manad,
        )
        obj.pk = skapat.pk
        obj._state.adding = False


@admin.register(Logghandelse)
class LogghandelseAdmin(admin.ModelAdmin):
    list_display = ["tidpunkt", "forbund", "user", "handelse", "objekttyp", "beskrivning"]
    list_filter = ["handelse", "forbund"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
