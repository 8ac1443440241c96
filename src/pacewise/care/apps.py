from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "pacewise.care"
    label = "care"
    verbose_name = "Care team"
