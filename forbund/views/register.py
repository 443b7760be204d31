"""The register's rows: members, people, mandates, revisorer, kansli, groups, meetings,
decisions, attachments, ansvarsfrihet, predecessors and förbundsordningar."""

from django.db.models import Count

from forbund import filters, forms, selectors, services, tables
from forbund.models import (
    Ansvarsfrihet,
    Beslut,
    Bilaga,
    Forbundsordning,
    Foregangare,
    Grupp,
    Gruppmedlem,
    Kanslitjanst,
    Medlem,
    Person,
    Revisor,
    Sammantrade,
    Styrelseuppdrag,
)
from forbund.views.base import Register


def _medlem_extra(forbund, medlem):
    return {
        "uppdrag": medlem.uppdrag.select_related("person").order_by("-from_datum"),
        "ansvarsfrihet_rader": medlem.ansvarsfrihet.order_by("-ar"),
    }


def _person_extra(forbund, person):
    return {
        "uppdrag": person.uppdrag.select_related("medlem").order_by("-from_datum"),
        "revisorsuppdrag": person.revisorsuppdrag.order_by("-from_datum"),
        "tjanster": person.tjanster.order_by("-from_datum"),
        "gruppuppdrag": person.grupper.select_related("grupp"),
    }


def _grupp_extra(forbund, grupp):
    return {"gruppmedlemmar": grupp.medlemmar.select_related("person")}


def _sammantrade_extra(forbund, sammantrade):
    return {
        "beslut_rader": sorted(
            sammantrade.beslut.all(), key=lambda b: selectors.paragrafordning(b.paragraf)
        ),
        "bilagor": sammantrade.bilagor.all(),
    }


MEDLEM = Register(
    namn="medlem",
    prefix="medlemmar",
    model=Medlem,
    rubrik_plural="Medlemmar",
    queryset=lambda f: f.medlemmar.all(),
    form=forms.MedlemForm,
    table=tables.MedlemTable,
    filterset=filters.MedlemFilter,
    skapa=lambda *, user, forbund, data: services.medlem_create(
        user=user, forbund=forbund, **data
    ),
    andra=lambda *, user, obj, data: services.medlem_update(user=user, medlem=obj, **data),
    falt=("namn", "typ", "from_datum", "tom_datum", "intaktskonton"),
    extra_mall="forbund/_medlem_extra.html",
    extra=_medlem_extra,
    hjalp="Finsam-lagen: Försäkringskassan, Arbetsförmedlingen, region(er) och kommun(er).",
)

PERSON = Register(
    namn="person",
    prefix="personer",
    model=Person,
    rubrik_plural="Personer",
    queryset=lambda f: f.personer.all(),
    form=forms.PersonForm,
    table=tables.PersonTable,
    filterset=filters.PersonFilter,
    skapa=lambda *, user, forbund, data: services.person_create(
        user=user, forbund=forbund, **data
    ),
    andra=lambda *, user, obj, data: services.person_update(user=user, person=obj, **data),
    falt=("namn", "titel", "parti", "epost"),
    extra_mall="forbund/_person_extra.html",
    extra=_person_extra,
)

UPPDRAG = Register(
    namn="uppdrag",
    prefix="styrelseuppdrag",
    model=Styrelseuppdrag,
    rubrik_plural="Styrelseuppdrag",
    queryset=lambda f: f.uppdrag.select_related("person", "medlem"),
    form=forms.UppdragForm,
    table=tables.UppdragTable,
    filterset=filters.UppdragFilter,
    skapa=lambda *, user, forbund, data: services.uppdrag_create(
        user=user, forbund=forbund, **data
    ),
    andra=lambda *, user, obj, data: services.uppdrag_update(user=user, uppdrag=obj, **data),
    falt=("person", "medlem", "typ", "presidium", "from_datum", "tom_datum"),
    initial_fran_get=("person", "medlem"),
    hjalp="Varje medlem utser minst en ledamot och en ersättare.",
)

REVISOR = Register(
    namn="revisor",
    prefix="revisorer",
    model=Revisor,
    rubrik_plural="Revisorer",
    queryset=lambda f: f.revisorer.select_related("person").prefetch_related("utsedd_av"),
    form=forms.RevisorForm,
    table=tables.RevisorTable,
    filterset=filters.RevisorFilter,
    skapa=lambda *, user, forbund, data: services.revisor_create(
        user=user, forbund=forbund, **data
    ),
    andra=lambda *, user, obj, data: services.revisor_update(user=user, revisor=obj, **data),
    falt=("person", "utsedd_av", "firma", "auktoriserad", "from_datum", "tom_datum"),
)

KANSLI = Register(
    namn="kansli",
    prefix="kansli",
    model=Kanslitjanst,
    rubrik_plural="Kansli",
    queryset=lambda f: f.kansli.select_related("person"),
    form=forms.KansliForm,
    table=tables.KansliTable,
    filterset=filters.KansliFilter,
    skapa=lambda *, user, forbund, data: services.kansli_create(
        user=user, forbund=forbund, **data
    ),
    andra=lambda *, user, obj, data: services.kansli_update(user=user, tjanst=obj, **data),
    falt=("person", "roll", "arbetsgivare", "tjanstgoringsgrad", "from_datum", "tom_datum"),
)

GRUPP = Register(
    namn="grupp",
    prefix="grupper",
    model=Grupp,
    rubrik_plural="Grupper och nätverk",
    queryset=lambda f: f.grupper.annotate(antal=Count("medlemmar")),
    form=forms.GruppForm,
    table=tables.GruppTable,
    filterset=filters.GruppFilter,
    skapa=lambda *, user, forbund, data: services.grupp_create(user=user, forbund=forbund, **data),
    andra=lambda *, user, obj, data: services.grupp_update(user=user, grupp=obj, **data),
    falt=("namn", "typ", "beskrivning", "from_datum", "tom_datum"),
    extra_mall="forbund/_grupp_extra.html",
    extra=_grupp_extra,
)

GRUPPMEDLEM = Register(
    namn="gruppmedlem",
    prefix="gruppmedlemmar",
    model=Gruppmedlem,
    rubrik_plural="Gruppmedlemmar",
    queryset=lambda f: Gruppmedlem.objects.filter(grupp__forbund=f).select_related("grupp"),
    form=forms.GruppmedlemForm,
    skapa=lambda *, user, forbund, data: services.gruppmedlem_create(
        user=user, forbund=forbund, **data
    ),
    andra=lambda *, user, obj, data: services.gruppmedlem_update(
        user=user, gruppmedlem=obj, **data
    ),
    detalj=False,
    initial_fran_get=("grupp",),
)

SAMMANTRADE = Register(
    namn="sammantrade",
    prefix="sammantraden",
    model=Sammantrade,
    rubrik_plural="Sammanträden",
    queryset=lambda f: f.sammantraden.annotate(antal_beslut=Count("beslut")),
    form=forms.SammantradeForm,
    table=tables.SammantradeTable,
    filterset=filters.SammantradeFilter,
    skapa=lambda *, user, forbund, data: services.sammantrade_create(
        user=user, forbund=forbund, **data
    ),
    andra=lambda *, user, obj, data: services.sammantrade_update(
        user=user, sammantrade=obj, **data
    ),
    falt=("datum", "typ", "protokollnummer", "narvarande"),
    extra_mall="forbund/_sammantrade_extra.html",
    extra=_sammantrade_extra,
)

BESLUT = Register(
    namn="beslut",
    prefix="beslut",
    model=Beslut,
    rubrik_plural="Beslut",
    queryset=lambda f: Beslut.objects.filter(sammantrade__forbund=f).select_related("sammantrade"),
    form=forms.BeslutForm,
    table=tables.BeslutTable,
    filterset=filters.BeslutFilter,
    skapa=lambda *, user, forbund, data: services.beslut_create(
        user=user, forbund=forbund, **data
    ),
    andra=lambda *, user, obj, data: services.beslut_update(user=user, beslut=obj, **data),
    falt=("sammantrade", "paragraf", "rubrik", "text", "typ", "belopp", "from_ar", "tom_ar"),
    initial_fran_get=("sammantrade",),
)

BILAGA = Register(
    namn="bilaga",
    prefix="bilagor",
    model=Bilaga,
    rubrik_plural="Bilagor",
    queryset=lambda f: Bilaga.objects.filter(sammantrade__forbund=f).select_related("sammantrade"),
    form=forms.BilagaForm,
    skapa=lambda *, user, forbund, data: services.bilaga_create(
        user=user, forbund=forbund, **data
    ),
    detalj=False,
    initial_fran_get=("sammantrade",),
    tillbaka=lambda obj: obj.sammantrade.get_absolute_url(),
)

ANSVARSFRIHET = Register(
    namn="ansvarsfrihet",
    prefix="ansvarsfrihet",
    model=Ansvarsfrihet,
    rubrik_plural="Ansvarsfrihet och revisionsberättelser",
    queryset=lambda f: f.ansvarsfrihet.select_related("medlem"),
    form=forms.AnsvarsfrihetForm,
    table=tables.AnsvarsfrihetTable,
    filterset=filters.AnsvarsfrihetFilter,
    skapa=lambda *, user, forbund, data: services.ansvarsfrihet_create(
        user=user, forbund=forbund, **data
    ),
    andra=lambda *, user, obj, data: services.ansvarsfrihet_update(
        user=user, ansvarsfrihet=obj, **data
    ),
    falt=(
        "ar",
        "medlem",
        "revisionsberattelse_datum",
        "revisionsberattelse",
        "beslut",
        "beslutsdatum",
        "beslutsorgan",
        "paragraf",
        "kommentar",
    ),
    initial_fran_get=("medlem", "ar"),
    hjalp="Varje medlem beslutar om ansvarsfrihet för sig.",
)

FOREGANGARE = Register(
    namn="foregangare",
    prefix="foregangare",
    model=Foregangare,
    rubrik_plural="Föregångare (sammanslagna förbund)",
    queryset=lambda f: f.foregangare.all(),
    form=forms.ForegangareForm,
    table=tables.ForegangareTable,
    skapa=lambda *, user, forbund, data: services.foregangare_create(
        user=user, forbund=forbund, **data
    ),
    andra=lambda *, user, obj, data: services.foregangare_update(
        user=user, foregangare=obj, **data
    ),
    falt=("namn", "orgnr", "bildat", "upphorde", "beskrivning"),
)

FORBUNDSORDNING = Register(
    namn="forbundsordning",
    prefix="forbundsordning",
    model=Forbundsordning,
    rubrik_plural="Förbundsordningar",
    queryset=lambda f: f.forbundsordningar.all(),
    form=forms.ForbundsordningForm,
    table=tables.ForbundsordningTable,
    skapa=lambda *, user, forbund, data: services.forbundsordning_create(
        user=user, forbund=forbund, **data
    ),
    falt=("giltig_fran", "beskrivning", "filnamn", "storlek", "uppladdad"),
    extra_mall="forbund/_forbundsordning_extra.html",
)

REGISTER = [
    MEDLEM,
    PERSON,
    UPPDRAG,
    REVISOR,
    KANSLI,
    GRUPP,
    GRUPPMEDLEM,
    SAMMANTRADE,
    BESLUT,
    BILAGA,
    ANSVARSFRIHET,
    FOREGANGARE,
    FORBUNDSORDNING,
]
