from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "pacewise.insights"
    label = "insights"
