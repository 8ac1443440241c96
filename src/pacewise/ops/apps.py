from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Operator commands: serve, demo, backup, restore, clinics."""

    name = "pacewise.ops"
    label = "ops"
