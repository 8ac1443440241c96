from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "pacewise.outcomes"
    label = "outcomes"
