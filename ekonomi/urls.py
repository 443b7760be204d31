from django.urls import include, path

from ekonomi import views
from ekonomi.views import budget, kontoplan, medlemsbidrag, rapporter, verifikationer

app_name = "ekonomi"

urlpatterns = [
    path("", views.index, name="index"),
    path("verifikationer/", verifikationer.verifikation_list, name="verifikation-list"),
    path("verifikationer/ny/", verifikationer.verifikation_create, name="verifikation-create"),
    path(
        "verifikationer/<int:pk>/", verifikationer.verifikation_detail, name="verifikation-detail"
    ),
    path(
        "verifikationer/<int:pk>/bokfor/",
        verifikationer.verifikation_bokfor,
        name="verifikation-bokfor",
    ),
    path(
        "verifikationer/<int:pk>/ta-bort/",
        verifikationer.verifikation_delete,
        name="verifikation-delete",
    ),
    path(
        "verifikationer/<int:pk>/rattelse/",
        verifikationer.verifikation_reverse,
        name="verifikation-reverse",
    ),
    path(
        "verifikationer/<int:pk>/underlag/",
        verifikationer.underlag_create,
        name="underlag-create",
    ),
    path("underlag/<int:underlag>/", verifikationer.underlag_detail, name="underlag-detail"),
    path("huvudbok/<str:konto>/", rapporter.huvudbok, name="huvudbok"),
    path("saldobalans/", rapporter.saldobalans, name="saldobalans"),
    path("kontoplan/", kontoplan.konto_list, name="konto-list"),
    path("kontoplan/ny/", kontoplan.konto_create, name="konto-create"),
    path("kontoplan/<int:konto_id>/", kontoplan.konto_update, name="konto-update"),
    path("dimensioner/", kontoplan.dimension_list, name="dimension-list"),
    path("dimensioner/ny/", kontoplan.dimension_create, name="dimension-create"),
    path("dimensioner/<int:dimension>/objekt/ny/", kontoplan.objekt_create, name="objekt-create"),
    path("objekt/<int:objekt>/", kontoplan.objekt_update, name="objekt-update"),
    path("ar/", kontoplan.rakenskapsar_list, name="rakenskapsar-list"),
    path("ar/ny/", kontoplan.rakenskapsar_create, name="rakenskapsar-create"),
    path("ar/<int:ar>/bokslut/", kontoplan.bokslut, name="bokslut"),
    path("perioder/<int:period>/las/", kontoplan.period_las, name="period-las"),
    path("budget/", budget.budget_list, name="budget-list"),
    path("budget/ny/", budget.budgetversion_create, name="budgetversion-create"),
    path("budget/<int:budget>/", budget.budget_grid, name="budget-grid"),
    path("budget/<int:budget>/import/", budget.budget_import, name="budget-import"),
    path("budget/<int:budget>/export/", budget.budget_export, name="budget-export"),
    path(
        "medlemsbidrag/<int:bidragsar>/fordringar/",
        medlemsbidrag.bidrag_fakturera,
        name="bidrag-fakturera",
    ),
    path("sie/", include("ekonomi.sie.urls")),
]
