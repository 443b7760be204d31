"""SIE import and export pages, mounted at ``f/<orgnr>/ekonomi/sie/`` (names ``ekonomi:sie-*``)."""

urlpatterns: list = []
