from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Operator commands: serve, demo, backup, restore, clinics."""

    name = "pacewise.ops"
    label = "ops"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from . import files  # registers the data-directory check

        connection_created.connect(files.private_sqlite_files, dispatch_uid="private-sqlite")
