from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "pacewise.plans"
    label = "plans"
    verbose_name = "Exercise program"
