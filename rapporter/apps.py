from django.apps import AppConfig


class RapporterConfig(AppConfig):
    name = "rapporter"
    verbose_name = "Rapporter"

    def ready(self):
        from forbund.signals import forbund_skapat
        from rapporter.signaler import standarddefinitioner_for_nytt_forbund

        forbund_skapat.connect(
            standarddefinitioner_for_nytt_forbund, dispatch_uid="rapporter-standarddefinitioner"
        )
