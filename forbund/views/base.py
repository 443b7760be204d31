"""A small machine for the register's list, detail, create and edit pages.

Each register is a ``Register`` row: its queryset through the förbund, form, table,
filter and the services that write it. The views stay thin: parse the request, call one
service or selector, render. Lookups go through the förbund, so other förbund's ids 404.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.forms import ModelForm
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse

from finsam.tabeller import RequestConfig
from finsam.templatetags.svenska import kr
from forbund.access import Ratt, forbund_view

PER_SIDA = 25


def fel_till_formular(form, exc: ValidationError) -> None:
    """A service's ValidationError next to the field it names (else above the form)."""
    if hasattr(exc, "error_dict"):
        for falt, fel in exc.error_dict.items():
            form.add_error(falt if falt in form.fields else None, fel)
    else:
        form.add_error(None, exc)


def visa(obj: models.Model, falt: str):
    """A field's value as the detail page shows it."""
    f = obj._meta.get_field(falt)
    if f.many_to_many:
        return ", ".join(str(o) for o in getattr(obj, falt).all()) or "–"
    varde = getattr(obj, falt)
    if f.choices and varde not in (None, ""):
        return getattr(obj, f"get_{falt}_display")()
    if isinstance(varde, bool):
        return "Ja" if varde else "Nej"
    if isinstance(varde, datetime.datetime):
        return varde.strftime("%Y-%m-%d %H:%M")
    if isinstance(varde, datetime.date):
        return varde.isoformat()
    if isinstance(varde, Decimal):
        return kr(varde)
    if varde in (None, ""):
        return "–"
    return varde


def etikett(model: type[models.Model], falt: str) -> str:
    return str(model._meta.get_field(falt).verbose_name).capitalize()


@dataclass(frozen=True)
class Register:
    namn: str  # URL names "<namn>-list" ..., and the URL kwarg holding the pk
    prefix: str  # URL path segment
    model: type[models.Model]
    rubrik_plural: str
    queryset: Callable  # forbund -> QuerySet
    form: type
    table: type | None = None
    filterset: type | None = None
    skapa: Callable | None = None  # (*, user, forbund, data) -> obj
    andra: Callable | None = None  # (*, user, obj, data) -> obj
    falt: tuple[str, ...] = ()  # shown on the detail page
    detalj: bool = True
    extra_mall: str = ""
    extra: Callable | None = None  # (forbund, obj) -> dict for extra_mall
    initial_fran_get: tuple[str, ...] = ()  # e.g. ?sammantrade=<pk> preselects it
    tillbaka: Callable | None = None  # obj -> url after saving (default: its own page)
    hjalp: str = ""

    @property
    def rubrik(self) -> str:
        return str(self.model._meta.verbose_name).capitalize()

    def lankar(self, forbund, obj=None) -> dict[str, str]:
        """The register's own URLs for the templates (the pk kwarg is named per register)."""
        o = forbund.orgnr
        lankar = {"start": reverse("forbund:start", kwargs={"orgnr": o})}
        if self.table is not None:
            lankar["lista"] = reverse(f"forbund:{self.namn}-list", kwargs={"orgnr": o})
        if self.skapa is not None:
            lankar["ny"] = reverse(f"forbund:{self.namn}-create", kwargs={"orgnr": o})
        if obj is not None and obj.pk and self.andra is not None:
            lankar["andra"] = reverse(
                f"forbund:{self.namn}-update", kwargs={"orgnr": o, self.namn: obj.pk}
            )
        lankar["tillbaka"] = lankar.get("lista", lankar["start"])
        return lankar

    def hamta(self, forbund, pk):
        return get_object_or_404(self.queryset(forbund), pk=pk)

    # --- views ----------------------------------------------------------------------------

    def lista(self):
        spec = self

        @forbund_view(Ratt.LASA)
        def view(request, forbund):
            qs = spec.queryset(forbund)
            filtrering = None
            if spec.filterset is not None:
                filtrering = spec.filterset(request.GET or None, queryset=qs, forbund=forbund)
                qs = filtrering.qs
            table = spec.table(qs)
            table.caption = spec.rubrik_plural
            RequestConfig(request, paginate={"per_page": PER_SIDA}).configure(table)
            return render(
                request,
                "forbund/register_list.html",
                {
                    "forbund": forbund,
                    "spec": spec,
                    "table": table,
                    "filter": filtrering,
                    "lankar": spec.lankar(forbund),
                },
            )

        view.__name__ = f"{self.namn}_list"
        return view

    def detaljvy(self):
        spec = self

        @forbund_view(Ratt.LASA)
        def view(request, forbund, **kwargs):
            obj = spec.hamta(forbund, kwargs[spec.namn])
            context = {
                "forbund": forbund,
                "spec": spec,
                "objekt": obj,
                "objekttyp": obj._meta.label,
                "lankar": spec.lankar(forbund, obj),
                "fakta": [(etikett(spec.model, f), visa(obj, f)) for f in spec.falt],
            }
            if spec.extra is not None:
                context.update(spec.extra(forbund, obj))
            return render(request, "forbund/register_detail.html", context)

        view.__name__ = f"{self.namn}_detail"
        return view

    def formular(self, *, ny: bool):
        spec = self

        @forbund_view(Ratt.SKRIVA)
        def view(request, forbund, **kwargs):
            obj = None if ny else spec.hamta(forbund, kwargs[spec.namn])
            kw = {"forbund": forbund}
            if issubclass(spec.form, ModelForm):
                kw["instance"] = obj
            if request.method == "POST":
                form = spec.form(request.POST, request.FILES, **kw)
                if form.is_valid():
                    try:
                        if ny:
                            obj = spec.skapa(
                                user=request.user, forbund=forbund, data=form.cleaned_data
                            )
                        else:
                            # A fresh copy: the form must not have touched what the audit
                            # trail compares against.
                            farsk = spec.hamta(forbund, kwargs[spec.namn])
                            obj = spec.andra(user=request.user, obj=farsk, data=form.cleaned_data)
                    except ValidationError as exc:
                        fel_till_formular(form, exc)
                    else:
                        messages.success(request, f"{spec.rubrik} sparad.")
                        return redirect(
                            spec.tillbaka(obj) if spec.tillbaka else obj.get_absolute_url()
                        )
            else:
                initial = {k: request.GET[k] for k in spec.initial_fran_get if k in request.GET}
                form = spec.form(initial=initial, **kw)
            return render(
                request,
                "forbund/register_form.html",
                {
                    "forbund": forbund,
                    "spec": spec,
                    "form": form,
                    "objekt": obj,
                    "ny": ny,
                    "lankar": spec.lankar(forbund, obj),
                },
            )

        view.__name__ = f"{self.namn}_{'create' if ny else 'update'}"
        return view

    def urls(self) -> list:
        n, p = self.namn, self.prefix
        result = []
        if self.table is not None:
            result.append(path(f"{p}/", self.lista(), name=f"{n}-list"))
        if self.skapa is not None:
            result.append(path(f"{p}/ny/", self.formular(ny=True), name=f"{n}-create"))
        if self.detalj:
            result.append(path(f"{p}/<int:{n}>/", self.detaljvy(), name=f"{n}-detail"))
        if self.andra is not None:
            result.append(
                path(f"{p}/<int:{n}>/andra/", self.formular(ny=False), name=f"{n}-update")
            )
        return result
