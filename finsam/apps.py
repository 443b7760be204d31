from django.apps import AppConfig


class FinsamConfig(AppConfig):
    name = "finsam"
    verbose_name = "Finsam"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_logged_out
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate, pre_migrate

        from finsam import sqliteskydd
        from finsam.dbroll import efter_migrate
        from finsam.middleware import avindexera_vid_utloggning, indexera_vid_inloggning
        from finsam.valfalt import skydda_valfalt

        skydda_valfalt()

        user_logged_in.connect(indexera_vid_inloggning, dispatch_uid="finsam-sessionsindex")
        user_logged_out.connect(avindexera_vid_utloggning, dispatch_uid="finsam-sessionsindex")
        post_migrate.connect(efter_migrate, dispatch_uid="finsam_bevilja_approll")
        # SQLite: no DROP TRIGGER & co. through the app's connection, except while migrating.
        connection_created.connect(sqliteskydd.installera, dispatch_uid="finsam_sqliteskydd")
        pre_migrate.connect(sqliteskydd.fore_migrate, dispatch_uid="finsam_sqliteskydd")
        post_migrate.connect(sqliteskydd.efter_migrate, dispatch_uid="finsam_sqliteskydd")
