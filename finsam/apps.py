from django.apps import AppConfig


class FinsamConfig(AppConfig):
    name = "finsam"
    verbose_name = "Finsam"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate, pre_migrate

        from finsam import sqliteskydd
        from finsam.dbroll import efter_migrate
        from finsam.valfalt import skydda_valfalt

        skydda_valfalt()

        post_migrate.connect(efter_migrate, dispatch_uid="finsam_bevilja_approll")
        # SQLite: no DROP TRIGGER & co. through the app's connection, except while migrating.
        connection_created.connect(sqliteskydd.installera, dispatch_uid="finsam_sqliteskydd")
        pre_migrate.connect(sqliteskydd.fore_migrate, dispatch_uid="finsam_sqliteskydd")
        post_migrate.connect(sqliteskydd.efter_migrate, dispatch_uid="finsam_sqliteskydd")
