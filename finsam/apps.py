from django.apps import AppConfig


class FinsamConfig(AppConfig):
    name = "finsam"
    verbose_name = "Finsam"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from finsam import sqlite  # noqa: F401  (registers SQL functions on new connections)
        from finsam.middleware import indexera_vid_inloggning

        user_logged_in.connect(indexera_vid_inloggning, dispatch_uid="finsam-sessionsindex")
