from django.apps import AppConfig


class TodayConfig(AppConfig):
    name = "pacewise.today"
    label = "today"
    verbose_name = "Today's plan"
