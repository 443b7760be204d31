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
