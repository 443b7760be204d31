from django.contrib import admin

from rapporter.models import Rapport, Rapportdefinition, Rapportinstallning, Rapportrad


class RapportradInline(admin.TabularInline):
    model = Rapportrad
    extra = 0


@admin.register(Rapportdefinition)
class RapportdefinitionAdmin(admin.ModelAdmin):
    list_display = ["namn", "forbund", "typ"]
    inlines = [RapportradInline]


@admin.register(Rapportinstallning)
class RapportinstallningAdmin(admin.ModelAdmin):
    list_display = ["forbund", "enhet_rakningar", "enhet_noter"]


@admin.register(Rapport)
class RapportAdmin(admin.ModelAdmin):
    list_display = ["forbund", "typ", "till", "status", "faststalld", "sha256"]
    readonly_fields = ["sha256", "fingeravtryck", "pdf", "faststalld", "faststalld_av"]
