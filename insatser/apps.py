from django.apps import AppConfig


class InsatserConfig(AppConfig):
    name = "insatser"
    verbose_name = "Insatser"

    def ready(self):
        # The start page (forbund) shows the insatser's checks without importing insatser.
        from forbund.selectors.kontroller import EXTRA_KONTROLLER
        from insatser.selectors.kontroller import kontroller

        if kontroller not in EXTRA_KONTROLLER:
            EXTRA_KONTROLLER.append(kontroller)

        # An SIE import's new projekt objects become insatser without ekonomi importing us.
        from ekonomi.signals import projektobjekt_skapat
        from insatser.signaler import insats_for_projektobjekt

        projektobjekt_skapat.connect(
            insats_for_projektobjekt, dispatch_uid="insatser-insats-for-projektobjekt"
        )
