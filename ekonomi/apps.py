from django.apps import AppConfig


class EkonomiConfig(AppConfig):
    name = "ekonomi"
    verbose_name = "Ekonomi"

    def ready(self):
        from ekonomi.signaler import standardkontoplan_for_nytt_forbund
        from forbund.signals import forbund_skapat

        forbund_skapat.connect(
            standardkontoplan_for_nytt_forbund, dispatch_uid="ekonomi-standardkontoplan"
        )
