"""Systemadministration: förbund and who belongs to them. Everything else is entered in the
förbund's own pages, where roles and the audit trail apply."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from forbund import services
from forbund.models import Behorighet, Forbund, Logghandelse, Startlosenord


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


class FinsamUserAdmin(UserAdmin):
    """Django's user admin (for emergencies): a password it sets for someone else is a
    start password, to be changed at that user's next login, as on the system pages."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change and obj.has_usable_password() and obj.pk != request.user.pk:
            Startlosenord.objects.update_or_create(user=obj, defaults={"satt_av": request.user})

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if (
            request.method == "POST"
            and response.status_code == 302
            and str(id) != str(request.user.pk)
        ):
            konto = self.get_object(request, unquote(id))
            if konto is not None and konto.has_usable_password():
                Startlosenord.objects.update_or_create(
                    user=konto, defaults={"satt_av": request.user}
                )
        return response


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), FinsamUserAdmin)
