from django.apps import AppConfig


class FinsamConfig(AppConfig):
    name = "finsam"
    verbose_name = "Finsam"

    def ready(self) -> None:
        from finsam import sqlite  # noqa: F401  (registers SQL functions on new connections)
