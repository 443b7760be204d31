from django.apps import AppConfig


class ForbundConfig(AppConfig):
    name = "forbund"
    verbose_name = "Förbund"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_logged_out

        from forbund.middleware import avindexera_vid_utloggning, indexera_vid_inloggning

        user_logged_in.connect(indexera_vid_inloggning, dispatch_uid="finsam-sessionsindex")
        user_logged_out.connect(avindexera_vid_utloggning, dispatch_uid="finsam-sessionsindex")
